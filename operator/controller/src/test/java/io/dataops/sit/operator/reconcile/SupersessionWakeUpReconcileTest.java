package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.ConcurrencyPolicy;
import io.dataops.sit.operator.Constants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A newer run of a group with policy CancelRunning ends the older one at once (RunWakeUps), not at the older run's
 * next poll: here the poll interval is 10 minutes, and nothing else touches the older run while it waits in Testing.
 */
@QuarkusTest
@TestProfile(SupersessionWakeUpReconcileTest.RarePolls.class)
@WithKubernetesTestServer(crud = true)
class SupersessionWakeUpReconcileTest extends TenantRunsTest {

    public static class RarePolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sit.poll-interval", "10m");
        }
    }

    @Test
    void theOlderRunEndsSupersededWithoutWaitingForItsNextPoll() {
        String ns = tenantNamespace("wake");
        SitRun older =
                apply(ns, "pr-1", ConcurrencyReconcileTest.group("pr-9", ConcurrencyPolicy.CANCEL_RUNNING, null));
        String runNs = awaitPhase(ns, "pr-1", Phase.TESTING).getStatus().getNamespace();
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        != null);

        apply(ns, "pr-2", ConcurrencyReconcileTest.group("pr-9", ConcurrencyPolicy.CANCEL_RUNNING, null));

        SitRun cancelled = awaitPhase(ns, older.getMetadata().getName(), Phase.CANCELLED);
        assertThat(cancelled.getStatus().getReason()).isEqualTo(RunReason.SUPERSEDED.value());
        awaitPhase(ns, "pr-2", Phase.TESTING);
        client.resources(SitRun.class).inNamespace(ns).delete();
    }
}
