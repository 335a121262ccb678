package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.e2e.support.Examples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The in-cluster operator and the run's own pods die on the real node, as they do on users' clusters: the run
 * still ends, once, with a reason, and leaves nothing behind.
 */
@Order(Integer.MAX_VALUE)
class RealNodeReliabilityE2ETest extends RealNodeTests {

    static final String NS = "e2e-real-reliability";

    @BeforeAll
    static void namespace() {
        sitRuns.createNamespace(NS);
    }

    @Test
    void operatorPodKilledAgainAndAgainDuringARunStillEndsItOnce() {
        String name = "orders-kills";
        // A 45 s quiet period keeps the run in Testing long enough for kills to land there too, even on a loaded
        // machine where each new operator takes half a minute to start.
        sitRuns.applyFresh(
                NS,
                name,
                Examples.variant(
                        "orders-sitrun.yaml",
                        name,
                        spec -> ((ObjectNode) spec.get("runner"))
                                .putArray("env")
                                .addObject()
                                .put("name", "SIT_QUIET_PERIOD_MS")
                                .put("value", "45000")));
        List<String> killedIn = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(12));
        while (!ENDED.contains(sitRuns.phase(NS, name)) && Instant.now().isBefore(deadline)) {
            // Kills land in turn while the new operator is starting (informers syncing), as soon as it is ready
            // (first reconcile under way), and once it has written the run's status: the last lets every third
            // operator make progress, else the run would never move.
            switch (killedIn.size() % 3) {
                case 0 -> operator.awaitRunning(Duration.ofMinutes(2));
                case 1 -> operator.awaitReady(Duration.ofMinutes(2));
                default -> {
                    operator.awaitReady(Duration.ofMinutes(2));
                    awaitStatusWrittenByThisOperator(name);
                }
            }
            String phase = sitRuns.phase(NS, name);
            if (ENDED.contains(phase)) {
                break;
            }
            operator.kill();
            killedIn.add(phase.isEmpty() ? "(none yet)" : phase);
        }
        operator.awaitReady(Duration.ofMinutes(2));
        Awaitility.await(name + " ended")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ENDED.contains(sitRuns.phase(NS, name)));
        assertThat(sitRuns.phase(NS, name))
                .as(sitRuns.describe(NS, name) + " (kills in " + killedIn + ")")
                .isEqualTo("Succeeded");
        assertThat(killedIn)
                .as("operator kills during the run")
                .hasSizeGreaterThanOrEqualTo(4)
                .contains("Provisioning", "Testing");
        assertThat(sitRuns.field(NS, name, ".status.results.thresholds[0].actual"))
                .isEqualTo("2");

        // One namespace for the run, one of each object in it, one started event per phase.
        assertThat(client.namespaces().withLabel(Labels.RUN, name).list().getItems())
                .hasSize(1);
        String runNs = sitRuns.runNamespace(NS, name);
        assertThat(names(client.apps().statefulSets().inNamespace(runNs).list().getItems()))
                .containsExactlyInAnyOrder("events-kafka", "warehouse-postgres");
        assertThat(names(client.batch().v1().jobs().inNamespace(runNs).list().getItems()))
                .containsExactlyInAnyOrder("events-topics", "warehouse-seed", "sit-runner");
        assertThat(names(client.apps().deployments().inNamespace(runNs).list().getItems()))
                .containsExactly("product-1");

        kubectl.ok("delete", "sitrun", name, "-n", NS, "--timeout=120s");
        Awaitility.await(runNs + " deleted")
                .atMost(Duration.ofMinutes(2))
                .until(() -> client.namespaces().withName(runNs).get() == null);
    }

    @Test
    void sitRunDeletedWhileTheOperatorIsDownLosesItsNamespaceOnceItIsBack() {
        String name = "minimal-orphan";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {}));
        String runNs = sitRuns.runNamespace(NS, name);
        operator.scale(0);
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
        operator.scale(1);
        operator.awaitReady(Duration.ofMinutes(2));
        Awaitility.await(runNs + " deleted within 60 s of the operator's return")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> client.namespaces().withName(runNs).get() == null);
        Awaitility.await(name + " gone")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !kubectl.run("get", "sitrun", name, "-n", NS).ok());
    }

    /** The broker's pod dies mid-test (its emptyDir with it): the run must still end, with a reason. */
    @Test
    void kafkaPodKilledDuringTestingEndsTheRunWithAReason() {
        String name = "orders-kafka-dies";
        sitRuns.applyFresh(NS, name, Examples.variant("orders-sitrun.yaml", name, spec -> spec.put("timeout", "4m")));
        Awaitility.await(name + " Testing")
                .atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Set.of("Testing", "Succeeded", "Failed", "Error").contains(sitRuns.phase(NS, name)));
        String runNs = sitRuns.runNamespace(NS, name);
        kubectl.ok("delete", "pod", "events-kafka-0", "-n", runNs, "--grace-period=0", "--force", "--wait=false");
        Awaitility.await(name + " ended")
                .atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ENDED.contains(sitRuns.phase(NS, name)));
        assertThat(sitRuns.field(NS, name, ".status.reason"))
                .as(sitRuns.describe(NS, name))
                .isNotBlank();
        assertThat(sitRuns.field(NS, name, ".status.message")).isNotBlank();
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
    }

    /**
     * Lets the ready operator make progress before it dies: until it has written the SitRun's status (a new
     * resourceVersion), or 60 s when the run is waiting on something else. Without it a kill at every readiness
     * can land before each new operator's first reconcile, and the run never moves.
     */
    private static void awaitStatusWrittenByThisOperator(String name) {
        String seen = client.resources(SitRun.class)
                .inNamespace(NS)
                .withName(name)
                .get()
                .getMetadata()
                .getResourceVersion();
        try {
            Awaitility.await(name + " status written")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !seen.equals(client.resources(SitRun.class)
                            .inNamespace(NS)
                            .withName(name)
                            .get()
                            .getMetadata()
                            .getResourceVersion()));
        } catch (ConditionTimeoutException waitingOnPods) {
            // The operator had nothing to write for a minute (a broker starting): kill it anyway.
        }
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).toList();
    }
}
