package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.api.Labels;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.InClusterOperator;
import io.dataops.sit.e2e.support.ProbePod;
import io.dataops.sit.e2e.support.Repo;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The examples, applied unchanged, run in real pods on the real node (containerd + runc): the operator installed
 * from deploy/ with the image the project built, the Kafka and PostgreSQL stand-ins, the runner image. Runs last:
 * it replaces the suite's local operator process by the in-cluster one.
 */
@Order(Integer.MAX_VALUE - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeE2ETest extends RealNodeTests {

    static final String NS = "e2e-real";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    @BeforeAll
    static void namespace() {
        sitRuns.createNamespace(NS);
    }

    @Test
    @Order(1)
    void operatorRunsInClusterFromTheDeployManifest() {
        Pod pod = operator.pod();
        assertThat(pod.getSpec().getNodeName()).isEqualTo("sit-node-0");
        ContainerStatus container = pod.getStatus().getContainerStatuses().get(0);
        assertThat(container.getReady())
                .as("operator container ready (its readiness probe answers)")
                .isTrue();
        assertThat(container.getContainerID()).startsWith("containerd://");
        assertThat(pod.getSpec().getContainers().get(0).getImage()).startsWith("ghcr.io/dataops-sit/sit-operator:");
        // /q/metrics from inside the pod (kubectl exec: API server -> kubelet -> containerd), with bash's /dev/tcp
        String metrics = kubectl.ok(
                "exec",
                "-n",
                InClusterOperator.NAMESPACE,
                pod.getMetadata().getName(),
                "--",
                "bash",
                "-c",
                "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /q/metrics HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3");
        assertThat(metrics).containsPattern("^HTTP/1\\.[01] 200").contains("operator_sdk_");
    }

    @Test
    @Order(2)
    void ordersExampleRunsInRealPods() {
        kubectl.ok(
                "apply",
                "-n",
                NS,
                "-f",
                Repo.path("examples/orders-sitrun.yaml").toString());
        awaitEnded("orders");
        assertThat(sitRuns.phase(NS, "orders"))
                .as(sitRuns.describe(NS, "orders"))
                .isEqualTo("Succeeded");
        assertThat(sitRuns.field(NS, "orders", ".status.results.thresholds[0].actual"))
                .isEqualTo("2");
        // schema.sql, then currency.csv (12 rows) and customer.csv (4 rows) COPYed by the seed Job
        assertThat(sitRuns.field(NS, "orders", ".status.databases[0].seededRows"))
                .isEqualTo("16");

        String runNs = sitRuns.runNamespace(NS, "orders");
        Pod runner = onlyPod(runNs, "runner");
        ContainerStatus container = runner.getStatus().getContainerStatuses().get(0);
        assertThat(container.getContainerID()).startsWith("containerd://");
        assertThat(container.getState().getTerminated()).isNotNull();
        assertThat(container.getState().getTerminated().getExitCode()).isZero();
        assertThat(kubectl.ok("logs", "-n", runNs, runner.getMetadata().getName()))
                .contains("Basic Message");
        assertThat(onlyPod(runNs, "seed")
                        .getStatus()
                        .getContainerStatuses()
                        .get(0)
                        .getState()
                        .getTerminated()
                        .getExitCode())
                .isZero();

        // What containerd resolved the tags to, as the kubelet reports it (imageID), for the system and the runner:
        // repository@sha256:... for an image pulled with a repository digest, the bare image id sha256:... for one
        // imported into the node's store as this suite does. Both run the same image here, so their digests are one.
        String digest = "^(?:[^@\\s]+@)?(sha256:[0-9a-f]{64})$";
        List<String> system = List.of(sitRuns.field(NS, "orders", ".status.systems[0].imageDigests[*]")
                .split("\\s+"));
        List<String> runnerDigests = List.of(
                sitRuns.field(NS, "orders", ".status.runner.imageDigests[*]").split("\\s+"));
        assertThat(system)
                .as(sitRuns.describe(NS, "orders"))
                .singleElement()
                .asString()
                .matches(digest);
        assertThat(runnerDigests).singleElement().asString().matches(digest);
        assertThat(system.getFirst().replaceAll(digest, "$1"))
                .isEqualTo(runnerDigests.getFirst().replaceAll(digest, "$1"));
        assertThat(sitRuns.field(NS, "orders", ".status.runner.image"))
                .isEqualTo(runner.getSpec().getContainers().getFirst().getImage());
    }

    /** The orders run's environment stays up after it passed (ttlSecondsAfterFinished): its policies are live. */
    @Test
    @Order(3)
    void networkPolicyIsolatesTheRunAndKeepsSystemsOffTheApiServer() {
        String runNs = sitRuns.runNamespace(NS, "orders");
        String kafka = "events-kafka." + runNs + ".svc.cluster.local:9092";
        String postgres = "warehouse-postgres." + runNs + ".svc.cluster.local:5432";
        String api = "10.96.0.1:443";

        String outside = ProbePod.connect(kubectl, NS, "probe-outside", Map.of("app", "probe"), kafka, postgres);
        assertThat(outside).as("from another namespace").contains(kafka + " BLOCKED", postgres + " BLOCKED");

        // Polled: one probe can miss a reachable target on a loaded node (each try has 5 s); a blocked one never
        // turns reachable, and the last probe's output and the pods are in the failure message.
        Awaitility.await("a system of the run reaches the broker and the database, not the API server")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    String system = ProbePod.connect(
                            kubectl, runNs, "probe-system", Map.of(Labels.COMPONENT, "system"), kafka, postgres, api);
                    assertThat(system)
                            .as(() -> "a system of the run; pods: "
                                    + kubectl.run("get", "pods", "-n", runNs, "-o", "wide")
                                            .stdout())
                            .contains(kafka + " REACHED", postgres + " REACHED", api + " BLOCKED");
                });

        // The runner and the seed Job carry this label; what they did above (results written through the API)
        // already needed it. Here the allowed path itself, to the API server's endpoint.
        String apiAccess =
                ProbePod.connect(kubectl, runNs, "probe-api", Map.of("sit.dataops.io/api-access", "true"), api);
        assertThat(apiAccess).contains(api + " REACHED");
    }

    @Test
    @Order(4)
    void everyPodOfTheRunWasAdmittedUnderRestrictedOnTheRealNode() {
        String runNs = sitRuns.runNamespace(NS, "orders");
        assertThat(client.namespaces().withName(runNs).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        List<Pod> pods = client.pods()
                .inNamespace(runNs)
                .withLabel(Labels.COMPONENT)
                .list()
                .getItems();
        assertThat(pods)
                .extracting(p -> p.getMetadata().getLabels().get(Labels.COMPONENT))
                .contains("broker", "database", "seed", "system", "runner");
        assertThat(pods).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("sit-node-0"));
    }

    /** A system image that runs as root (no USER): the kubelet refuses it under runAsNonRoot, the run says so. */
    @Test
    @Order(5)
    void aRootImageEndsTheRunWithAClearReason() {
        String name = "root-system";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {
            var system = (ObjectNode) spec.withArray("systems").get(0);
            system.put("image", "registry.k8s.io/networking/kube-network-policies:v0.8.0");
            system.remove("args");
        }));
        awaitEnded(name);
        assertThat(sitRuns.phase(NS, name)).as(sitRuns.describe(NS, name)).isEqualTo("Error");
        assertThat(sitRuns.field(NS, name, ".status.reason")).isEqualTo("ContainerRunsAsRoot");
    }

    /** As CI runs it: {@code kubectl sit run} exits 1 and prints the failed threshold. */
    @Test
    @Order(6)
    void failingExampleFailsOnItsThreshold() {
        Command.Result run = kubectlSit()
                .run(
                        RUN_TIMEOUT,
                        "run",
                        "-n",
                        NS,
                        "-f",
                        Repo.path("examples/failing-sitrun.yaml").toString());
        assertThat(run.exitCode())
                .as(run.stdout() + run.stderr() + sitRuns.describe(NS, "failing"))
                .isEqualTo(1);
        assertThat(run.stdout()).contains("ThresholdsFailed", "NO");
        assertThat(sitRuns.phase(NS, "failing")).isEqualTo("Failed");
        assertThat(sitRuns.field(NS, "failing", ".status.results.thresholds[0].actual"))
                .isEqualTo("3");
    }

    /** {@code kubectl sit run} exits 0; the JUnit it wrote and the one {@code kubectl sit report} fetches are the same, valid one. */
    @Test
    @Order(7)
    void minimalExampleSucceeds() throws Exception {
        Path junit = Files.createTempFile("minimal-junit", ".xml");
        Command.Result run = kubectlSit()
                .run(
                        RUN_TIMEOUT,
                        "run",
                        "-n",
                        NS,
                        "-f",
                        Repo.path("examples/minimal-sitrun.yaml").toString(),
                        "--junit",
                        junit.toString());
        assertThat(run.exitCode())
                .as(run.stdout() + run.stderr() + sitRuns.describe(NS, "minimal"))
                .isZero();
        assertThat(sitRuns.phase(NS, "minimal")).isEqualTo("Succeeded");
        String fetched = kubectlSit()
                .run("report", "minimal", "-n", NS, "--junit", "-")
                .orFail()
                .stdout();
        RealNodeEvidenceE2ETest.assertValidJunit(fetched);
        assertThat(fetched)
                .isEqualTo(Files.readString(junit))
                .contains("Published events are relayed")
                .doesNotContain("<failure");
        assertThat(sitRuns.field(NS, "minimal", ".status.evidence.configMap"))
                .as("OnFailure: no bundle for a passed run")
                .isEmpty();
    }

    /** {@code kubectl sit rerun} starts a fresh run of an ended SitRun. */
    @Test
    @Order(8)
    void rerunStartsAFreshRun() {
        kubectlSit().run("rerun", "minimal", "-n", NS).orFail();
        String token = sitRuns.field(NS, "minimal", ".spec.rerunToken");
        assertThat(token).isNotEmpty();
        Awaitility.await("minimal re-running with token " + token)
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> token.equals(sitRuns.field(NS, "minimal", ".status.rerunToken")));
        kubectl.ok("delete", "sitrun", "minimal", "-n", NS, "--wait=false");
    }

    private static void awaitEnded(String name) {
        awaitEnded(NS, name, RUN_TIMEOUT);
    }

    private static Pod onlyPod(String namespace, String component) {
        List<Pod> pods = client.pods()
                .inNamespace(namespace)
                .withLabel(Labels.COMPONENT, component)
                .list()
                .getItems();
        assertThat(pods).as(component + " pods in " + namespace).hasSize(1);
        return pods.get(0);
    }
}
