package io.dataops.sit.e2e;

import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.InClusterOperator;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.KubectlSit;
import io.dataops.sit.e2e.support.SitRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
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
}
