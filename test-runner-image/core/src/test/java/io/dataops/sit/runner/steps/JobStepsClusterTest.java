package io.dataops.sit.runner.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-cluster "job started" helpers as the runner's name-pinned Role lets them work: GETs only. */
class JobStepsClusterTest {

    @Test
    void aNameTheRunnerMayNotReadIsReportedAsNoSuchSystem() {
        // With the Role pinned to the run's system names, any other name answers 403, not 404.
        assertThatThrownBy(() -> JobSteps.getSystem(
                        () -> {
                            throw new KubernetesClientException(
                                    "deployments.apps \"kube-dns\" is forbidden", 403, null);
                        },
                        "sit-run-ns",
                        "kube-dns"))
                .isInstanceOf(StepError.class)
                .hasMessageContaining("no system (Deployment) named 'kube-dns' in namespace sit-run-ns");
    }

    @Test
    void otherApiErrorsAreNotHidden() {
        assertThatThrownBy(() -> JobSteps.getSystem(
                        () -> {
                            throw new KubernetesClientException("etcdserver: request timed out", 500, null);
                        },
                        "sit-run-ns",
                        "app"))
                .isInstanceOf(KubernetesClientException.class);
    }

    @Test
    void readinessIsPolledUntilAReplicaIsReadyAtTheLatestGeneration() {
        AtomicInteger calls = new AtomicInteger();
        // Ready replicas of an older generation do not count: the scale-up has not been seen yet.
        JobSteps.awaitReady(
                () -> calls.incrementAndGet() < 3 ? deployment(2L, 1L, 1) : deployment(2L, 2L, 1),
                "app",
                Duration.ofSeconds(10));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void noReadyReplicaWithinTheTimeoutFailsTheStep() {
        assertThatThrownBy(() -> JobSteps.awaitReady(() -> deployment(1L, 1L, 0), "app", Duration.ofMillis(600)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("deployment app had no ready replica");
    }

    private static Deployment deployment(long generation, long observed, int ready) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("app")
                .withGeneration(generation)
                .endMetadata()
                .withNewStatus()
                .withObservedGeneration(observed)
                .withReadyReplicas(ready)
                .endStatus()
                .build();
    }
}
