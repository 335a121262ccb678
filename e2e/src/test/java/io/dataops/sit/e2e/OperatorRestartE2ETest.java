package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.OperatorProcess;
import io.dataops.sit.e2e.support.RunnerStandIn;
import io.dataops.sit.e2e.support.SitRuns;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Killing the operator mid-provisioning and starting it again finishes the run with nothing duplicated or leaked. */
@ExtendWith(E2EExtension.class)
class OperatorRestartE2ETest {

    static final String NS = "e2e-restart";
    static Kubectl kubectl;
    static KubernetesClient client;
    static SitRuns sitRuns;
    static OperatorProcess operator;

    @BeforeAll
    static void setUp(E2EEnvironment env) {
        kubectl = env.kubectl();
        client = env.client();
        operator = env.operator();
        sitRuns = new SitRuns(kubectl);
        sitRuns.createNamespace(NS);
    }

    @Test
    void killedOperatorResumesWithoutDuplicates() {
        String name = "orders-restart";
        sitRuns.applyFresh(NS, name, Examples.variant("orders-sitrun.yaml", name, spec -> {}));
        // Under KWOK the whole environment is ready within seconds, so this part polls with the in-process
        // client (not kubectl, a process per call): the kill lands within ~100 ms of the run's first objects.
        var sitRun = client.resources(SitRun.class).inNamespace(NS).withName(name);
        Awaitility.await("run namespace reported")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> sitRun.get().getStatus() != null
                        && sitRun.get().getStatus().getNamespace() != null);
        String runNs = sitRun.get().getStatus().getNamespace();
        // Pods don't run under KWOK: play the seed Job and the runner, through the results ConfigMap the operator
        // creates among its first objects (a seed Job cannot finish before its database is up).
        RunnerStandIn.writeSeedResult(client, runNs, "warehouse", 12);
        RunnerStandIn.writeResult(client, runNs, RunnerStandIn.passing());
        operator.kill();
        var atKill = sitRun.get().getStatus();
        String phaseAtKill = atKill.getPhase() == null ? "" : atKill.getPhase().value();
        operator.start();

        sitRuns.waitFinished(NS, name);
        assertThat(phaseAtKill)
                .as("killed while building the environment")
                .isIn("Pending", "Provisioning", "Seeding", "");
        assertThat(sitRuns.phase(NS, name)).as(sitRuns.describe(NS, name)).isEqualTo("Succeeded");
        assertThat(sitRuns.field(NS, name, ".status.databases[0].seededRows")).isEqualTo("12");

        assertThat(client.namespaces().withLabel(Labels.RUN, name).list().getItems())
                .hasSize(1);
        int brokers = 1;
        int databases = 1;
        assertThat(names(client.apps().statefulSets().inNamespace(runNs).list().getItems()))
                .hasSize(brokers + databases)
                .doesNotHaveDuplicates();
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(runNs)
                        .withLabel(Labels.COMPONENT, "runner")
                        .list()
                        .getItems())
                .hasSize(1);
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(runNs)
                        .withLabel(Labels.COMPONENT, "seed")
                        .list()
                        .getItems())
                .hasSize(databases);
        assertThat(client.secrets()
                        .inNamespace(runNs)
                        .withLabel(Labels.COMPONENT, "database")
                        .list()
                        .getItems())
                .hasSize(databases);

        kubectl.ok("delete", "sitrun", name, "-n", NS, "--timeout=180s");
        kubectl.ok("wait", "--for=delete", "namespace/" + runNs, "--timeout=180s");
        assertThat(client.namespaces().withLabel(Labels.RUN, name).list().getItems())
                .isEmpty();
    }

    private static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).toList();
    }
}
