package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.e2e.support.InClusterOperator;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A run against someone else's broker and database on the real node: an earlier SitRun ("owner") provisions a builtin
 * Kafka and a seeded PostgreSQL and keeps them (its namespace outlives it); the admin allows exactly those two
 * services (SIT_ISOLATION_EXTERNAL_ALLOWED, their pods' addresses); a second SitRun ("borrower") names them as
 * external, relays records over that broker and gates on that database's rows through its own NetworkPolicy
 * sit-external-egress, and its status says what is not isolated. A third names a service the admin does not allow and
 * ends before anything exists.
 */
@Order(Integer.MAX_VALUE - 7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeExternalE2ETest extends RealNodeTests {

    static final String NS = "e2e-external-node";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    static final String SETTING = "SIT_ISOLATION_EXTERNAL_ALLOWED";

    static final String OWNER = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: owner-files
            data:
              schema.sql: |
                CREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY, name text);
                INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace') ON CONFLICT DO NOTHING;
              owner.feature: |
                Feature: The owner's environment
                  Scenario: Seeded
                    Then table customers contains 2 rows with tolerance of +/- 0
            ---
            apiVersion: sit.dataops.io/v1alpha1
            kind: SitRun
            metadata:
              name: owner
            spec:
              timeout: 15m
              ttlSecondsAfterFinished: 3600
              brokers:
                - name: events
                  kafka:
                    provider: builtin
                    topics:
                      - { name: events_in, partitions: 1 }
                      - { name: events_out, partitions: 1 }
              databases:
                - name: orders
                  postgres: { version: "16" }
                  seed:
                    - sql: { configMapRef: { name: owner-files, key: schema.sql } }
              runner:
                image: ghcr.io/dataops-sit/sit-runner:0.1.0
                features:
                  configMapRef:
                    name: owner-files
            """;

    static final String BORROWER = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: borrower-features
            data:
              relay.feature: |
                Feature: Relay on the owner's broker
                  @isolated
                  Scenario: Published events are relayed
                    Given sample data is:
                      \"\"\"
                      {"event_id": "b-1", "kind": "order_created", "amount": 1.0}
                      {"event_id": "b-2", "kind": "order_created", "amount": 2.0}
                      \"\"\"
                    And published to Kafka topic: events_in
                    When relay job started: relay
                    And finished processing
                    And result consumed from Kafka topic on checkpoint: events_out
                    Then the result contains 2 records with tolerance of +/- 0
                    And table customers contains 2 rows with tolerance of +/- 0
            ---
            apiVersion: sit.dataops.io/v1alpha1
            kind: SitRun
            metadata:
              name: borrower
            spec:
              timeout: 15m
              brokers:
                - name: events
                  external: { bootstrapServers: "events-kafka.%1$s.svc:9092" }
              databases:
                - name: orders
                  external:
                    jdbcUrl: jdbc:postgresql://orders-postgres.%1$s.svc:5432/orders
                    credentialsSecretRef: { name: owner-db }
                  checks:
                    - { table: customers, minRows: 2 }
              systems:
                - name: relay
                  image: ghcr.io/dataops-sit/sit-runner:0.1.0
                  args: [relay, --from, events_in, --to, events_out]
              runner:
                image: ghcr.io/dataops-sit/sit-runner:0.1.0
                features:
                  configMapRef:
                    name: borrower-features
            """;

    static final String ELSEWHERE = """
            apiVersion: sit.dataops.io/v1alpha1
            kind: SitRun
            metadata:
              name: elsewhere
            spec:
              brokers:
                - name: events
                  external: { bootstrapServers: "kafka.elsewhere.example.com:9092" }
              runner:
                features:
                  configMapRef:
                    name: borrower-features
            """;

    static String ownerNs;

    @BeforeAll
    static void tenantNamespaceMayHandSecretsToRuns() {
        sitRuns.createNamespace(NS);
        client.rbac()
                .roleBindings()
                .inNamespace(NS)
                .resource(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("sit-operator-tenant-secrets")
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole")
                        .withName("sit-operator-tenant-secrets")
                        .endRoleRef()
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName("sit-operator")
                        .withNamespace(InClusterOperator.NAMESPACE)
                        .endSubject()
                        .build())
                .createOr(r -> r.update());
    }

    @AfterAll
    static void adminListBackToNone() {
        kubectl.run(
                "set",
                "env",
                "deployment/" + InClusterOperator.DEPLOYMENT,
                "-n",
                InClusterOperator.NAMESPACE,
                SETTING + "-");
        operator.install();
        kubectl.run("delete", "sitrun", "--all", "-n", NS, "--wait=false");
    }

    @Test
    @Order(1)
    void theOwnersEnvironmentIsUpAndOutlivesItsRun() {
        sitRuns.applyFresh(NS, "owner", OWNER);
        awaitEnded(NS, "owner", RUN_TIMEOUT);
        assertThat(sitRuns.phase(NS, "owner"))
                .as(() -> sitRuns.describe(NS, "owner") + "\n" + diagnostics(NS, "owner"))
                .isEqualTo("Succeeded");
        ownerNs = sitRuns.runNamespace(NS, "owner");
        // The owner lets other namespaces in (its run namespace denies ingress from outside by default).
        client.network()
                .networkPolicies()
                .inNamespace(ownerNs)
                .resource(new NetworkPolicyBuilder()
                        .withNewMetadata()
                        .withName("shared-with-other-runs")
                        .endMetadata()
                        .withNewSpec()
                        .withNewPodSelector()
                        .endPodSelector()
                        .withPolicyTypes("Ingress")
                        .addNewIngress()
                        .addNewFrom()
                        .withNewNamespaceSelector()
                        .endNamespaceSelector()
                        .endFrom()
                        .endIngress()
                        .endSpec()
                        .build())
                .createOr(r -> r.update());
        // The owner's database user and password, handed to the tenant as an ordinary Secret.
        var credentials = client.secrets()
                .inNamespace(ownerNs)
                .withName("orders-postgres-credentials")
                .get();
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("owner-db")
                        .endMetadata()
                        .addToData("username", credentials.getData().get("username"))
                        .addToData("password", credentials.getData().get("password"))
                        .build())
                .createOr(r -> r.update());
        // The admin allows exactly those two services, at their pods' addresses.
        String kafkaIp = podIp("events-kafka-0");
        String postgresIp = podIp("orders-postgres-0");
        kubectl.ok(
                "set",
                "env",
                "deployment/" + InClusterOperator.DEPLOYMENT,
                "-n",
                InClusterOperator.NAMESPACE,
                SETTING + "=events-kafka." + ownerNs + ".svc:9092=" + kafkaIp + "/32,orders-postgres." + ownerNs
                        + ".svc:5432=" + postgresIp + "/32");
        operator.install();
    }

    @Test
    @Order(2)
    void theBorrowerUsesThemWithoutProvisioningAndSaysWhatIsShared() {
        assertThat(ownerNs).as("the owner's run must have succeeded first").isNotNull();
        sitRuns.applyFresh(NS, "borrower", BORROWER.formatted(ownerNs));
        awaitEnded(NS, "borrower", RUN_TIMEOUT);
        assertThat(sitRuns.phase(NS, "borrower"))
                .as(() -> sitRuns.describe(NS, "borrower") + "\n" + diagnostics(NS, "borrower"))
                .isEqualTo("Succeeded");
        String runNs = sitRuns.runNamespace(NS, "borrower");
        assertThat(client.apps().statefulSets().inNamespace(runNs).list().getItems())
                .as("nothing provisioned for an external broker or database")
                .isEmpty();
        assertThat(client.network()
                        .networkPolicies()
                        .inNamespace(runNs)
                        .withName("sit-external-egress")
                        .get())
                .isNotNull();
        assertThat(sitRuns.field(NS, "borrower", ".status.brokers[0].provider")).isEqualTo("external");
        assertThat(sitRuns.field(NS, "borrower", ".status.notIsolated[*].kind")).isEqualTo("Broker Database");
        assertThat(sitRuns.field(NS, "borrower", ".status.notIsolated[0].message"))
                .contains("topics and consumer groups are shared");
        String password = new String(
                Base64.getDecoder()
                        .decode(client.secrets()
                                .inNamespace(NS)
                                .withName("owner-db")
                                .get()
                                .getData()
                                .get("password")),
                StandardCharsets.UTF_8);
        assertThat(kubectl.ok("get", "sitrun", "borrower", "-n", NS, "-o", "yaml"))
                .doesNotContain(password);
    }

    @Test
    @Order(3)
    void aServiceTheAdminDoesNotAllowEndsTheRunBeforeAnythingExists() {
        sitRuns.applyFresh(NS, "elsewhere", ELSEWHERE);
        awaitEnded(NS, "elsewhere", Duration.ofMinutes(2));
        assertThat(sitRuns.phase(NS, "elsewhere")).isEqualTo("Error");
        assertThat(sitRuns.field(NS, "elsewhere", ".status.reason")).isEqualTo("ExternalEndpointNotAllowed");
        assertThat(sitRuns.field(NS, "elsewhere", ".status.message")).contains("kafka.elsewhere.example.com:9092");
        String runNs = sitRuns.field(NS, "elsewhere", ".status.namespace");
        assertThat(kubectl.run("get", "namespace", runNs).ok()).isFalse();
    }

    private static String podIp(String pod) {
        return client.pods()
                .inNamespace(ownerNs)
                .withName(pod)
                .get()
                .getStatus()
                .getPodIP();
    }
}
