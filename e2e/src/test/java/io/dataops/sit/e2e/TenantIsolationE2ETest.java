package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.api.Labels;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.ProbePod;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The admin's fence on the real API server and node, with the operator's default settings, as a tenant meets it:
 * asking beyond a bound ends the run in Error with a reason before its namespace exists; egress entries are
 * checked at the door; an ended run's systems stop; no pod of a run reaches the instance metadata endpoint.
 */
@Order(Integer.MAX_VALUE - 2)
class TenantIsolationE2ETest extends RealNodeTests {

    static final String NS = "e2e-fence";
    static final List<String> METADATA = List.of("169.254.169.254/32", "fd00:ec2::254/128");

    @BeforeAll
    static void namespace() {
        sitRuns.createNamespace(NS);
    }

    private static void refused(String name, Consumer<ObjectNode> edit, String reason, String inMessage) {
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, edit));
        sitRuns.awaitPhase(NS, name, "Error", Duration.ofMinutes(1));
        assertThat(sitRuns.field(NS, name, ".status.reason"))
                .as(sitRuns.describe(NS, name))
                .isEqualTo(reason);
        assertThat(sitRuns.field(NS, name, ".status.message")).contains(inMessage);
        String runNs = sitRuns.field(NS, name, ".status.namespace");
        assertThat(kubectl.run("get", "namespace", runNs).ok())
                .as("namespace " + runNs + " never created")
                .isFalse();
    }

    @Test
    void quotaAboveTheCapIsRefused() {
        refused(
                "fence-quota",
                spec -> spec.putObject("isolation").putObject("quota").put("pods", "500"),
                "QuotaAboveLimit",
                "pods=500");
    }

    @Test
    void networkPolicyOffWithoutTheAdminsConsentIsRefused() {
        refused(
                "fence-netpol",
                spec -> spec.putObject("isolation").put("networkPolicy", false),
                "NetworkPolicyRequired",
                "sit.isolation.allow-network-policy-off");
    }

    @Test
    void egressOutsideTheAdminsBlocksIsRefused() {
        refused(
                "fence-egress",
                spec -> spec.putObject("isolation")
                        .putArray("egress")
                        .addObject()
                        .put("cidr", "0.0.0.0/0")
                        .putArray("ports")
                        .add(443),
                "EgressNotAllowed",
                "0.0.0.0/0");
    }

    @Test
    void timeoutAboveTheMaximumIsRefused() {
        refused("fence-timeout", spec -> spec.put("timeout", "48h"), "TimeoutAboveLimit", "sit.timeout.max");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            host name as cidr | [ { cidr: 'metadata.google.internal/32', ports: [80] } ] | spec.isolation.egress[0].cidr
            port zero         | [ { cidr: '10.0.0.0/8', ports: [0] } ]                    | ports must be between 1 and 65535
            port too high     | [ { cidr: '10.0.0.0/8', ports: [70000] } ]                | ports must be between 1 and 65535
            no ports          | [ { cidr: '10.0.0.0/8' } ]                                | spec.isolation.egress[0].ports
            """)
    void malformedEgressIsRejectedByTheApiServer(String title, String egress, String expectedInMessage) {
        String yaml = """
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: bad-egress
                spec:
                  runner: { features: { configMapRef: { name: features } } }
                  isolation:
                    egress: %s
                """.formatted(egress);
        Command.Result result = kubectl.runWithInput(yaml, "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).as(title + " must be rejected").isNotZero();
        assertThat(result.stderr()).contains(expectedInMessage);
    }

    /**
     * A run that passed keeps its namespace (ttlSecondsAfterFinished) but not its tenant code: the system is
     * scaled to 0. The policies the real API server accepted open no block holding the metadata endpoint, and a
     * pod of the run (labelled as a system, or as one allowed to reach the API server) does not reach it. On this
     * machine nothing may listen there; on a cloud node the probe is what tells a leak.
     */
    @Test
    void anEndedRunsSystemsStopAndItsPodsNeverReachTheMetadataEndpoint() {
        String name = "fence-ended";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {}));
        Awaitility.await(name + " ended")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ENDED.contains(sitRuns.phase(NS, name)));
        assertThat(sitRuns.phase(NS, name)).as(sitRuns.describe(NS, name)).isEqualTo("Succeeded");
        String runNs = sitRuns.runNamespace(NS, name);

        assertThat(client.apps()
                        .deployments()
                        .inNamespace(runNs)
                        .withLabel(Labels.COMPONENT, "system")
                        .list()
                        .getItems())
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isZero());
        Awaitility.await("system pods gone in " + runNs)
                .atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(client.pods()
                                .inNamespace(runNs)
                                .withLabel(Labels.COMPONENT, "system")
                                .list()
                                .getItems())
                        .isEmpty());

        var policies = client.network()
                .v1()
                .networkPolicies()
                .inNamespace(runNs)
                .list()
                .getItems();
        assertThat(policies).extracting(p -> p.getMetadata().getName()).contains("sit-isolation", "sit-api-egress");
        List<IPBlock> blocks = policies.stream()
                .flatMap(p -> p.getSpec().getEgress().stream())
                .flatMap(r -> r.getTo().stream())
                .filter(peer -> peer.getIpBlock() != null)
                .map(peer -> peer.getIpBlock())
                .toList();
        assertThat(blocks).allSatisfy(b -> assertThat(METADATA).doesNotContain(b.getCidr()));

        String imds = "169.254.169.254:80";
        assertThat(ProbePod.connect(kubectl, runNs, "probe-imds-system", Map.of(Labels.COMPONENT, "system"), imds))
                .contains(imds + " BLOCKED");
        assertThat(ProbePod.connect(
                        kubectl, runNs, "probe-imds-api", Map.of("sit.dataops.io/api-access", "true"), imds))
                .contains(imds + " BLOCKED");
    }
}
