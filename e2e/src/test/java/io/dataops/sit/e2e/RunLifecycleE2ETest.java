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
import java.util.LinkedHashSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A SitRun from examples/ through its whole life on a real API server, read back with kubectl as CI does. */
@ExtendWith(E2EExtension.class)
class RunLifecycleE2ETest {

    static final String NS = "e2e-lifecycle";
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

    @Test
    void passingRunIsProvisionedTestedAndReportedWithPrinterColumns() {
        String name = "minimal-pass";
        // Applied as users do: the ConfigMaps and the SitRun from one file.
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {}));
        String runNs = sitRuns.runNamespace(NS, name);

        // The environment exists with the labels of the contract.
        var nsLabels = RunnerStandIn.labelsOf(client, runNs);
        assertThat(nsLabels)
                .containsEntry(Labels.RUN, name)
                .containsEntry(Labels.RUN_NAMESPACE, NS)
                .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        Awaitility.await("broker objects in " + runNs)
                .atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(client.apps()
                                .statefulSets()
                                .inNamespace(runNs)
                                .withLabel(Labels.COMPONENT, "broker")
                                .list()
                                .getItems())
                        .hasSize(1));
        Awaitility.await("network policy and quota in " + runNs)
                .atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> {
                    assertThat(client.network()
                                    .networkPolicies()
                                    .inNamespace(runNs)
                                    .list()
                                    .getItems())
                            .isNotEmpty();
                    assertThat(client.resourceQuotas().inNamespace(runNs).list().getItems())
                            .isNotEmpty();
                });

        // PHASE goes through the documented phases while kubectl get shows the columns.
        Set<String> phasesSeen = new LinkedHashSet<>();
        String header =
                kubectl.ok("get", "sitruns", "-n", NS).lines().findFirst().orElseThrow();
        assertThat(header).containsSubsequence("NAME", "PHASE", "PASSED", "NAMESPACE", "AGE");
        // Read before the stand-in writes the result: until then the run cannot have finished, however fast the
        // operator is next to this test's polling (a loaded machine once saw only Succeeded afterwards).
        phasesSeen.add(sitRuns.phase(NS, name));
        RunnerStandIn.writeResult(client, runNs, RunnerStandIn.passing());
        Awaitility.await("runner Job created")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    phasesSeen.add(sitRuns.phase(NS, name));
                    return !client.batch()
                            .v1()
                            .jobs()
                            .inNamespace(runNs)
                            .withLabel(Labels.COMPONENT, "runner")
                            .list()
                            .getItems()
                            .isEmpty();
                });
        var runnerJob = client.batch()
                .v1()
                .jobs()
                .inNamespace(runNs)
                .withLabel(Labels.COMPONENT, "runner")
                .list()
                .getItems()
                .get(0);
        assertThat(runnerJob.getMetadata().getLabels()).containsEntry(Labels.RUN, name);
        assertThat(runnerJob.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("sit-runner");

        sitRuns.waitFinished(NS, name);
        phasesSeen.add(sitRuns.phase(NS, name));
        assertThat(phasesSeen).contains("Succeeded").containsAnyOf("Provisioning", "Seeding", "Testing");
        assertThat(sitRuns.condition(NS, name, "Succeeded")).isEqualTo("True");
        assertThat(sitRuns.condition(NS, name, "Ready")).isEqualTo("True");
        String row = kubectl.ok("get", "sitruns", name, "-n", NS, "--no-headers");
        assertThat(row).contains(name).contains("Succeeded").contains("1/1").contains(runNs);
        assertThat(kubectl.ok("get", "sitruns", name, "-n", NS, "-o", "wide")).contains("DURATION");
        assertThat(sitRuns.field(NS, name, ".status.results.thresholds[0].actual"))
                .isEqualTo("2");
    }

    @Test
    void failingRunEndsFinishedWithSucceededFalse() {
        String name = "minimal-fail";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {}));
        String runNs = sitRuns.runNamespace(NS, name);
        RunnerStandIn.writeResult(client, runNs, RunnerStandIn.failing());

        sitRuns.waitFinished(NS, name);
        assertThat(sitRuns.phase(NS, name)).as(sitRuns.describe(NS, name)).isEqualTo("Failed");
        assertThat(sitRuns.condition(NS, name, "Succeeded")).isEqualTo("False");
        assertThat(sitRuns.field(NS, name, ".status.results.thresholds[0].passed"))
                .isEqualTo("false");
        assertThat(sitRuns.field(NS, name, ".status.results.thresholds[0].actual"))
                .isEqualTo("7");
        assertThat(kubectl.ok("get", "sitruns", name, "-n", NS, "--no-headers"))
                .contains("Failed")
                .contains("0/1");
    }

    @Test
    void runnerServiceAccountCannotReadSecretsElsewhere() {
        String name = "minimal-rbac";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {}));
        String runNs = sitRuns.runNamespace(NS, name);
        String sa = "system:serviceaccount:" + runNs + ":sit-runner";
        Awaitility.await("runner RBAC in " + runNs)
                .atMost(Duration.ofMinutes(1))
                .until(() -> kubectl.run("auth", "can-i", "update", "configmaps/sit-results", "-n", runNs, "--as=" + sa)
                        .stdout()
                        .strip()
                        .equals("yes"));
        assertThat(kubectl.run("auth", "can-i", "get", "secrets", "-n", "default", "--as=" + sa)
                        .stdout()
                        .strip())
                .isEqualTo("no");
        assertThat(kubectl.run("auth", "can-i", "get", "secrets", "-n", NS, "--as=" + sa)
                        .stdout()
                        .strip())
                .isEqualTo("no");
        assertThat(kubectl.run("auth", "can-i", "update", "configmaps/other", "-n", runNs, "--as=" + sa)
                        .stdout()
                        .strip())
                .isEqualTo("no");
        assertThat(kubectl.run("auth", "can-i", "list", "secrets", "--all-namespaces", "--as=" + sa)
                        .stdout()
                        .strip())
                .isEqualTo("no");
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
    }
}
