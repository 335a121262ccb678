package io.dataops.sit.e2e.support;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The operator installed as users install it: {@code kubectl apply -f deploy/operator.yaml}, its image built by
 * the project and loaded onto the real node, running as a pod of the {@code sit-system} Deployment.
 */
public final class InClusterOperator {

    public static final String NAMESPACE = "sit-system";
    public static final String DEPLOYMENT = "sit-operator";

    private final Kubectl kubectl;
    private final KubernetesClient client;

    public InClusterOperator(Kubectl kubectl, KubernetesClient client) {
        this.kubectl = kubectl;
        this.client = client;
    }

    /**
     * Stops the suite's local operator process (one operator at a time) and installs the in-cluster one, once:
     * from here on the runs are reconciled by the pod on the real node.
     */
    public static InClusterOperator replaceLocalProcess(E2EEnvironment env) {
        env.operator().stop();
        InClusterOperator operator = new InClusterOperator(env.kubectl(), env.client());
        operator.install();
        return operator;
    }

    public void install() {
        awaitNamespaceNotTerminating(kubectl);
        kubectl.ok(
                "apply",
                "--server-side",
                "--force-conflicts",
                "-f",
                Repo.path("deploy/operator.yaml").toString());
        kubectl.ok("rollout", "status", "deployment/" + DEPLOYMENT, "-n", NAMESPACE, "--timeout=180s");
        awaitReady(Duration.ofMinutes(1));
    }

    /**
     * A class that uninstalled deploy/operator.yaml leaves sit-system terminating for a while; nothing can be created
     * in it until it is gone.
     */
    public static void awaitNamespaceNotTerminating(Kubectl kubectl) {
        Awaitility.await(NAMESPACE + " not terminating")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !kubectl.run("get", "namespace", NAMESPACE, "-o", "jsonpath={.status.phase}")
                        .stdout()
                        .contains("Terminating"));
    }

    /**
     * Until the one live operator pod is Ready. Not {@code kubectl rollout status}: right after a pod is killed the
     * Deployment's status still counts it as available, and that command returns before the new pod is up.
     */
    public void awaitReady(Duration timeout) {
        Awaitility.await("operator pod ready")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> pod().getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    /** Until the (new) operator pod's container has started: the JVM is up, the operator may not be ready yet. */
    public void awaitRunning(Duration timeout) {
        Awaitility.await("operator container running")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> pod().getStatus()
                                .getContainerStatuses()
                                .get(0)
                                .getState()
                                .getRunning()
                        != null);
    }

    public Pod pod() {
        List<Pod> pods = client
                .pods()
                .inNamespace(NAMESPACE)
                .withLabel("app.kubernetes.io/name", DEPLOYMENT)
                .list()
                .getItems()
                .stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
        if (pods.size() != 1) {
            throw new AssertionError("expected one operator pod, found " + pods.size());
        }
        return pods.get(0);
    }

    /** Deletes the pod with no grace period, as when its node dies; the Deployment starts a new one. */
    public void kill() {
        String name = pod().getMetadata().getName();
        kubectl.ok("delete", "pod", name, "-n", NAMESPACE, "--grace-period=0", "--force", "--wait=false");
        Awaitility.await("operator pod " + name + " gone")
                .atMost(Duration.ofMinutes(1))
                .until(() -> client.pods().inNamespace(NAMESPACE).withName(name).get() == null);
    }

    public void scale(int replicas) {
        kubectl.ok("scale", "deployment/" + DEPLOYMENT, "-n", NAMESPACE, "--replicas=" + replicas);
        Awaitility.await("operator scaled to " + replicas)
                .atMost(Duration.ofMinutes(2))
                .until(() -> client.pods()
                                .inNamespace(NAMESPACE)
                                .withLabel("app.kubernetes.io/name", DEPLOYMENT)
                                .list()
                                .getItems()
                                .size()
                        == replicas);
    }

    public String logTail() {
        Command.Result r = kubectl.run("logs", "deployment/" + DEPLOYMENT, "-n", NAMESPACE, "--tail=80");
        return r.ok() ? r.stdout() : "(no operator log: " + r.stderr().strip() + ")";
    }
}
