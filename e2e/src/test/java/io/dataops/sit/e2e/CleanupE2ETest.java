package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.RunnerStandIn;
import io.dataops.sit.e2e.support.SitRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nothing is left behind: delete, TTL and keep-on-failure, finalised by the real namespace controller. */
@ExtendWith(E2EExtension.class)
class CleanupE2ETest {

    static final String NS = "e2e-cleanup";
    static Kubectl kubectl;
    static KubernetesClient client;
    static SitRuns sitRuns;

    @BeforeAll
    static void setUp(E2EEnvironment env) {
        kubectl = env.kubectl();
        client = env.client();
        sitRuns = new SitRuns(kubectl);
        sitRuns.createNamespace(NS);
    }

    private void awaitNamespaceGone(String runNs) {
        kubectl.ok("wait", "--for=delete", "namespace/" + runNs, "--timeout=180s");
        assertThat(kubectl.run("get", "namespace", runNs).exitCode()).isNotZero();
    }

    @Test
    void deletingTheSitRunRemovesItsNamespace() {
        String name = "cleanup-delete";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {}));
        String runNs = sitRuns.runNamespace(NS, name);
        Awaitility.await("namespace created")
                .atMost(Duration.ofMinutes(1))
                .until(() -> client.namespaces().withName(runNs).get() != null);

        kubectl.ok("delete", "sitrun", name, "-n", NS, "--timeout=180s");
        awaitNamespaceGone(runNs);
        assertThat(client.namespaces().withLabel(Labels.RUN, name).list().getItems())
                .isEmpty();
    }

    @Test
    void ttlDeletesTheNamespaceAfterTheEnd() {
        String name = "cleanup-ttl";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {
            spec.put("ttlSecondsAfterFinished", 3);
            spec.put("keepOnFailure", false);
        }));
        String runNs = sitRuns.runNamespace(NS, name);
        RunnerStandIn.writeResult(client, runNs, RunnerStandIn.passing());
        sitRuns.waitFinished(NS, name);

        awaitNamespaceGone(runNs);
        Awaitility.await("status.cleanup.namespaceDeleted")
                .atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(sitRuns.field(NS, name, ".status.cleanup.namespaceDeleted"))
                        .isEqualTo("true"));
        // The SitRun itself stays, with its outcome, for CI to read.
        assertThat(sitRuns.phase(NS, name)).as(sitRuns.describe(NS, name)).isEqualTo("Succeeded");
    }

    @Test
    void keepOnFailureKeepsAFailedRunsNamespace() {
        String name = "cleanup-keep";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {
            spec.put("ttlSecondsAfterFinished", 0);
            spec.put("keepOnFailure", true);
            spec.put("keepOnFailureFor", "1h");
        }));
        String runNs = sitRuns.runNamespace(NS, name);
        RunnerStandIn.writeResult(client, runNs, RunnerStandIn.failing());
        sitRuns.waitFinished(NS, name);

        assertThat(sitRuns.phase(NS, name)).as(sitRuns.describe(NS, name)).isEqualTo("Failed");
        Awaitility.await("cleanup policy reported")
                .atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(sitRuns.field(NS, name, ".status.cleanup.policy"))
                        .isEqualTo("KeepOnFailure"));
        assertThat(sitRuns.field(NS, name, ".status.cleanup.deleteAfter")).isNotBlank();
        // ttl 0 would have deleted it at once; it must stay (checked over a window, not after a sleep).
        Awaitility.await("namespace kept")
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                    var ns = client.namespaces().withName(runNs).get();
                    return ns != null && ns.getMetadata().getDeletionTimestamp() == null;
                });

        kubectl.ok("delete", "sitrun", name, "-n", NS, "--timeout=180s");
        awaitNamespaceGone(runNs);
    }
}
