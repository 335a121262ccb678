package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.e2e.support.Repo;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scenario features that only a cluster can prove, in real pods on the real node: the HTTP example (a system Service
 * reached under the run's default-deny policy, a token copied from the tenant's Secret and masked everywhere, the
 * records API of the jlinked runner image) and an {@code @isolated} scenario that does not see the records an earlier
 * scenario left on the same topics.
 */
@Order(Integer.MAX_VALUE - 7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeScenariosE2ETest extends RealNodeTests {

    static final String NS = "e2e-scenarios-node";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    /** The example's demo token: it must reach the API and the runner, and nothing anyone can read afterwards. */
    static final String TOKEN = "demo-token-not-a-secret";

    static final String ISOLATED_RUN = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: isolated-features
            data:
              isolated.feature: |
                Feature: An isolated scenario counts only its own records
                  Scenario: The first scenario leaves three records on both topics
                    Given sample data is loaded from: three.json
                    And published to Kafka topic: events_in
                    When finished processing
                    And result consumed from Kafka topic on checkpoint: events_out
                    Then the result contains 3 records with tolerance of +/- 0

                  @isolated
                  Scenario: An isolated scenario sees its two records only
                    Given sample data is loaded from: two.json
                    And published to Kafka topic: events_in
                    When finished processing
                    And result consumed from Kafka topic on checkpoint: events_out
                    Then the result contains 2 records with tolerance of +/- 0

                  Scenario: A scenario without the tag sees every record
                    When result consumed from Kafka topic on checkpoint: events_out
                    Then the result contains 5 records with tolerance of +/- 0
              three.json: |
                [{"id": "a-1"}, {"id": "a-2"}, {"id": "a-3"}]
              two.json: |
                [{"id": "b-1"}, {"id": "b-2"}]
            ---
            apiVersion: sit.dataops.io/v1alpha1
            kind: SitRun
            metadata:
              name: isolated-topics
            spec:
              timeout: 15m
              brokers:
                - name: events
                  kafka:
                    provider: builtin
                    topics:
                      - { name: events_in, partitions: 2 }
                      - { name: events_out, partitions: 2 }
              systems:
                - name: relay
                  image: ghcr.io/dataops-sit/sit-runner:0.1.0
                  args: [relay, --from, events_in, --to, events_out]
              runner:
                image: ghcr.io/dataops-sit/sit-runner:0.1.0
                features:
                  configMapRef:
                    name: isolated-features
            """;

    @BeforeAll
    static void tenantNamespaceWhoseSecretsTheOperatorMayCopy() {
        sitRuns.createNamespace(NS);
        // The admin's binding for a tenant whose runs reference Secrets (deploy/README.md): the install never binds it.
        if (!kubectl.run("get", "rolebinding", "sit-operator-tenant-secrets", "-n", NS)
                .ok()) {
            kubectl.ok(
                    "create",
                    "rolebinding",
                    "sit-operator-tenant-secrets",
                    "-n",
                    NS,
                    "--clusterrole=sit-operator-tenant-secrets",
                    "--serviceaccount=sit-system:sit-operator");
        }
    }

    @Test
    @Order(1)
    void httpApiExampleVerifiesTheSystemsApiWithATokenNobodyCanRead() {
        kubectl.ok(
                "apply",
                "-n",
                NS,
                "-f",
                Repo.path("examples/http-api-sitrun.yaml").toString());
        awaitEnded(NS, "orders-api", RUN_TIMEOUT);
        assertThat(sitRuns.phase(NS, "orders-api"))
                .as(() -> sitRuns.describe(NS, "orders-api") + "\n" + diagnostics(NS, "orders-api"))
                .isEqualTo("Succeeded");
        // the three scenarios' HTTP checks (with the token, without it) and the throughput threshold all passed
        assertThat(sitRuns.field(NS, "orders-api", ".status.results.scenarios.passed"))
                .isEqualTo("3");
        assertThat(sitRuns.field(NS, "orders-api", ".status.results.thresholds[*].passed"))
                .doesNotContain("false")
                .contains("true");
        assertThat(sitRuns.field(NS, "orders-api", ".status.results.thresholds[*].name"))
                .as("the token is masked in threshold names")
                .doesNotContain(TOKEN);

        String runNs = sitRuns.runNamespace(NS, "orders-api");
        String runnerLog = kubectl.ok("logs", "-n", runNs, "-l", "sit.dataops.io/component=runner", "--tail=-1");
        assertThat(runnerLog).contains("orders-api").doesNotContain(TOKEN);
        assertThat(kubectl.ok("get", "sitrun/orders-api", "-n", NS, "-o", "yaml"))
                .doesNotContain(TOKEN);
        assertThat(kubectl.ok("get", "events", "-n", runNs, "-o", "yaml")).doesNotContain(TOKEN);
        assertThat(kubectl.ok("get", "configmaps", "-n", runNs, "-o", "yaml"))
                .as("the reports and results ConfigMaps")
                .doesNotContain(TOKEN);
        kubectl.ok("delete", "sitrun", "orders-api", "-n", NS, "--wait=false");
    }

    @Test
    @Order(2)
    void anIsolatedScenarioCountsOnlyTheRecordsWrittenSinceItStarted() {
        sitRuns.applyFresh(NS, "isolated-topics", ISOLATED_RUN);
        awaitEnded(NS, "isolated-topics", RUN_TIMEOUT);
        // Without the checkpoint the second scenario would count 5 and fail; the third proves nothing was deleted.
        assertThat(sitRuns.phase(NS, "isolated-topics"))
                .as(() -> sitRuns.describe(NS, "isolated-topics") + "\n" + diagnostics(NS, "isolated-topics"))
                .isEqualTo("Succeeded");
        assertThat(sitRuns.field(NS, "isolated-topics", ".status.results.thresholds[*].actual"))
                .isEqualTo("3 2 5");
        kubectl.ok("delete", "sitrun", "isolated-topics", "-n", NS, "--wait=false");
    }
}
