package io.dataops.sit.e2e;

import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.InClusterOperator;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.KubectlSit;
import io.dataops.sit.e2e.support.SitRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the real-node classes share: the operator in the cluster instead of the suite's local process. */
@ExtendWith(E2EExtension.class)
abstract class RealNodeTests {

    static final Set<String> ENDED = Set.of("Succeeded", "Failed", "Error");

    static Kubectl kubectl;
    static KubernetesClient client;
    static SitRuns sitRuns;
    static InClusterOperator operator;
    private static KubectlSit kubectlSit;

    @BeforeAll
    static void inClusterOperator(E2EEnvironment env) {
        kubectl = env.kubectl();
        client = env.client();
        sitRuns = new SitRuns(kubectl);
        operator = InClusterOperator.replaceLocalProcess(env);
    }

    /** {@code kubectl sit}, installed once for the real-node classes by {@code ./sit kubectl-plugin}. */
    static synchronized KubectlSit kubectlSit() {
        if (kubectlSit == null) {
            kubectlSit = KubectlSit.install(kubectl);
        }
        return kubectlSit;
    }

    /** Waits until the run ended; on timeout fails with its status, the operator's log tail and the run's pods. */
    static void awaitEnded(String namespace, String name, Duration timeout) {
        try {
            Awaitility.await(name + " ended")
                    .atMost(timeout)
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> ENDED.contains(sitRuns.phase(namespace, name)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    name + " did not end: " + sitRuns.describe(namespace, name) + "\n" + diagnostics(namespace, name),
                    e);
        }
    }

    static String diagnostics(String namespace, String name) {
        String runNs = sitRuns.field(namespace, name, ".status.namespace");
        StringBuilder out = new StringBuilder("--- operator ---\n").append(operator.logTail());
        if (!runNs.isEmpty()) {
            Command.Result pods = kubectl.run("get", "pods,jobs,events", "-n", runNs, "-o", "wide");
            out.append("\n--- ")
                    .append(runNs)
                    .append(" ---\n")
                    .append(pods.stdout())
                    .append(pods.stderr());
        }
        return out.toString();
    }
}
