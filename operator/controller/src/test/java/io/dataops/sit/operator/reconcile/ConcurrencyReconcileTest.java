package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.ConcurrencyPolicy;
import io.dataops.sit.api.v1alpha1.spec.ConcurrencySpec;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.Conditions;
import io.dataops.sit.operator.phase.Timestamps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An admin who limits runs: 2 active operator-wide, 1 per SitRun namespace, 3 finished runs per group. The queue,
 * concurrency groups and the history limit on the mock API server, ClusterSimulator playing the runner.
 */
@QuarkusTest
@TestProfile(ConcurrencyReconcileTest.Limits.class)
@WithKubernetesTestServer(crud = true)
class ConcurrencyReconcileTest extends TenantRunsTest {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sit.concurrency.max-active",
                    "2",
                    "sit.concurrency.max-active-per-namespace",
                    "1",
                    "sit.history.max-finished-per-group",
                    "3");
        }
    }

    /** The tenant namespaces of this test: their SitRuns are deleted afterwards, so the next test has every slot. */
    final List<String> namespaces = new ArrayList<>();

    String namespace() {
        String ns = tenantNamespace("queue");
        namespaces.add(ns);
        return ns;
    }

    @AfterEach
    void deleteTheRuns() {
        for (String ns : namespaces) {
            client.resources(SitRun.class).inNamespace(ns).delete();
        }
        eventually()
                .until(() -> namespaces.stream()
                        .allMatch(ns -> client.resources(SitRun.class)
                                .inNamespace(ns)
                                .list()
                                .getItems()
                                .isEmpty()));
    }

    static Consumer<SitRunSpec> group(String group, ConcurrencyPolicy policy, Integer historyLimit) {
        return spec -> {
            ConcurrencySpec concurrency = new ConcurrencySpec();
            concurrency.setGroup(group);
            concurrency.setPolicy(policy);
            concurrency.setHistoryLimit(historyLimit);
            spec.setConcurrency(concurrency);
        };
    }

    void finish(SitRun run) {
        String runNs = awaitPhase(
                        run.getMetadata().getNamespace(), run.getMetadata().getName(), Phase.TESTING)
                .getStatus()
                .getNamespace();
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        != null);
        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        awaitPhase(run.getMetadata().getNamespace(), run.getMetadata().getName(), Phase.SUCCEEDED);
    }

    Phase phase(SitRun run) {
        var status = get(run.getMetadata().getNamespace(), run.getMetadata().getName())
                .getStatus();
        return status == null ? null : status.getPhase();
    }

    static boolean active(Phase phase) {
        return phase != null && !phase.isTerminal() && phase != Phase.QUEUED;
    }

    @Test
    void fiveRunsWithALimitOfTwoRunTwoAtATimeAndTheQueueMovesInOrder() {
        List<SitRun> runs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            // One namespace each: only the operator-wide limit applies. Names order the runs created in one second.
            runs.add(apply(namespace(), "run-" + i, s -> {}));
        }
        eventually()
                .until(() -> runs.stream().allMatch(r -> phase(r) != null)
                        && runs.stream().filter(r -> phase(r) == Phase.QUEUED).count() == 3);
        assertThat(runs.stream().filter(r -> active(phase(r))).count()).isEqualTo(2);
        assertThat(runs.subList(0, 2)).allMatch(r -> active(phase(r)));
        for (int i = 2; i < 5; i++) {
            SitRun queued = get(
                    runs.get(i).getMetadata().getNamespace(),
                    runs.get(i).getMetadata().getName());
            int expected = i - 1;
            eventually()
                    .until(() -> get(
                                            queued.getMetadata().getNamespace(),
                                            queued.getMetadata().getName())
                                    .getStatus()
                                    .getQueuePosition()
                            == expected);
            var status = get(
                            queued.getMetadata().getNamespace(),
                            queued.getMetadata().getName())
                    .getStatus();
            assertThat(status.getReason()).isEqualTo(RunReason.CONCURRENCY_LIMIT.value());
            assertThat(status.getMessage()).contains("sit.concurrency.max-active");
            assertThat(status.getQueuedSince()).isNotNull();
            assertThat(status.getStartTime()).as("no clock runs while queued").isNull();
            assertThat(status.condition(Conditions.FINISHED).getStatus()).isEqualTo("False");
            // A queued run builds nothing.
            assertThat(client.namespaces().withName(RunNames.namespace(queued)).get())
                    .isNull();
        }
        eventually()
                .untilAsserted(() -> assertThat(client.v1()
                                .events()
                                .inNamespace(runs.get(2).getMetadata().getNamespace())
                                .list()
                                .getItems())
                        .extracting(e -> e.getReason())
                        .containsOnlyOnce("Queued"));

        finish(runs.get(0));
        SitRun third = awaitPhase(runs.get(2).getMetadata().getNamespace(), "run-3", Phase.TESTING);
        assertThat(third.getStatus().getQueuePosition()).isNull();
        assertThat(third.getStatus().getQueuedSince())
                .as("kept: how long it waited")
                .isNotNull();
        eventually()
                .until(() -> get(runs.get(3).getMetadata().getNamespace(), "run-4")
                                .getStatus()
                                .getQueuePosition()
                        == 1);
        eventually()
                .until(() -> get(runs.get(4).getMetadata().getNamespace(), "run-5")
                                .getStatus()
                                .getQueuePosition()
                        == 2);
        // Never more than 2 active, while the rest drains.
        for (int i = 1; i < 5; i++) {
            assertThat(runs.stream().filter(r -> active(phase(r))).count()).isLessThanOrEqualTo(2);
            finish(runs.get(i));
        }
        assertThat(runs).allMatch(r -> phase(r) == Phase.SUCCEEDED);
    }

    @Test
    void aNamespaceAtItsLimitDoesNotBlockAnotherNamespace() {
        String busy = namespace();
        String other = namespace();
        SitRun first = apply(busy, "first", s -> {});
        awaitPhase(busy, "first", Phase.TESTING);
        apply(busy, "second", s -> {});
        SitRun waiting = awaitPhase(busy, "second", Phase.QUEUED);
        assertThat(waiting.getStatus().getReason()).isEqualTo(RunReason.NAMESPACE_CONCURRENCY_LIMIT.value());
        assertThat(waiting.getStatus().getMessage()).contains("namespace " + busy);
        apply(other, "elsewhere", s -> {});
        awaitPhase(other, "elsewhere", Phase.TESTING);
        assertThat(phase(waiting)).isEqualTo(Phase.QUEUED);
        finish(first);
        awaitPhase(busy, "second", Phase.TESTING);
    }

    @Test
    void aGroupWithPolicyQueueWaitsForTheOlderRun() {
        String ns = namespace();
        String otherNs = namespace();
        SitRun older = apply(ns, "pr-1", group("orders-pr-42", null, null));
        awaitPhase(ns, "pr-1", Phase.TESTING);
        apply(otherNs, "pr-1", group("orders-pr-42", null, null));
        awaitPhase(otherNs, "pr-1", Phase.TESTING);
        SitRun newer = apply(otherNs, "pr-2", group("orders-pr-42", ConcurrencyPolicy.QUEUE, null));
        SitRun waiting = awaitPhase(otherNs, "pr-2", Phase.QUEUED);
        assertThat(waiting.getStatus().getReason()).isEqualTo(RunReason.WAITING_FOR_GROUP.value());
        assertThat(waiting.getStatus().getMessage()).contains("pr-1", "orders-pr-42");
        finish(get(otherNs, "pr-1"));
        awaitPhase(otherNs, "pr-2", Phase.TESTING);
        assertThat(phase(older))
                .as("the same group name in another namespace is another group")
                .isEqualTo(Phase.TESTING);
        assertThat(phase(newer)).isEqualTo(Phase.TESTING);
    }

    @Test
    void cancelRunningSupersedesTheOlderRunThroughTheNormalEnd() {
        String ns = namespace();
        SitRun older = apply(ns, "pr-1", group("orders-pr-7", ConcurrencyPolicy.CANCEL_RUNNING, null));
        String runNs = awaitPhase(ns, "pr-1", Phase.TESTING).getStatus().getNamespace();
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        != null);
        apply(ns, "pr-2", group("orders-pr-7", ConcurrencyPolicy.CANCEL_RUNNING, null));

        SitRun cancelled = awaitPhase(ns, "pr-1", Phase.CANCELLED);
        assertThat(cancelled.getStatus().getReason()).isEqualTo(RunReason.SUPERSEDED.value());
        assertThat(cancelled.getStatus().getMessage()).contains("pr-2", "orders-pr-7");
        assertThat(cancelled.getStatus().condition(Conditions.FINISHED).getStatus())
                .isEqualTo("True");
        assertThat(cancelled.getStatus().condition(Conditions.SUCCEEDED).getStatus())
                .isEqualTo("False");
        assertThat(cancelled.getStatus().condition(Conditions.SUCCEEDED).getReason())
                .isEqualTo("Superseded");
        assertThat(cancelled.getStatus().getCompletionTime()).isNotNull();
        // The normal end: the report next to the SitRun (RunArtifacts), the running Job stopped.
        assertThat(cancelled.getStatus().getReport().getConfigMap()).isEqualTo("pr-1.sit-report");
        assertThat(client.configMaps()
                        .inNamespace(ns)
                        .withName("pr-1.sit-report")
                        .get())
                .isNotNull();
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        == null);
        eventually()
                .untilAsserted(() -> assertThat(
                                client.v1().events().inNamespace(ns).list().getItems())
                        .extracting(e -> e.getReason())
                        .contains("Cancelled"));
        // The newer run takes the namespace's one slot once the older ended.
        awaitPhase(ns, "pr-2", Phase.TESTING);
        assertThat(phase(older)).isEqualTo(Phase.CANCELLED);
    }

    @Test
    void aQueuedRunSupersededWhileWaitingEndsWithoutEverBuilding() {
        String ns = namespace();
        apply(ns, "busy", s -> {});
        awaitPhase(ns, "busy", Phase.TESTING);
        SitRun queued = apply(ns, "pr-1", group("g", null, null));
        awaitPhase(ns, "pr-1", Phase.QUEUED);
        apply(ns, "pr-2", group("g", ConcurrencyPolicy.CANCEL_RUNNING, null));
        SitRun cancelled = awaitPhase(ns, "pr-1", Phase.CANCELLED);
        assertThat(cancelled.getStatus().getReason()).isEqualTo(RunReason.SUPERSEDED.value());
        assertThat(cancelled.getStatus().getStartTime()).isNull();
        assertThat(client.namespaces().withName(RunNames.namespace(queued)).get())
                .isNull();
        assertThat(get(ns, "pr-2").getStatus().getPhase()).isEqualTo(Phase.QUEUED);
    }

    @Test
    void theHistoryLimitDeletesTheOldestFinishedRunsOfTheGroup() {
        String ns = namespace();
        // No features ConfigMap of that name: each run ends in Error at once, one after the other.
        for (int i = 1; i <= 4; i++) {
            apply(
                    ns,
                    "h-" + i,
                    group("nightly", null, 2)
                            .andThen(s -> s.getRunner().setFeatures(FeaturesSource.configMap("missing"))));
            awaitPhase(ns, "h-" + i, Phase.ERROR);
        }
        eventually().until(() -> get(ns, "h-1") == null && get(ns, "h-2") == null);
        assertThat(get(ns, "h-3")).isNotNull();
        assertThat(get(ns, "h-4")).isNotNull();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> get(ns, "h-3") != null);
    }

    @Test
    void queuedTimeCountsTowardNoTimeout() {
        String ns = namespace();
        SitRun first = apply(ns, "first", s -> {});
        awaitPhase(ns, "first", Phase.TESTING);
        apply(ns, "patient", s -> s.setTimeout("3s"));
        SitRun queued = awaitPhase(ns, "patient", Phase.QUEUED);
        // Queued longer than its whole timeout.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> phase(queued) == Phase.QUEUED);
        finish(first);
        SitRun started = awaitPhase(ns, "patient", Phase.TESTING);
        assertThat(Timestamps.parse(started.getStatus().getStartTime()))
                .isAfter(Timestamps.parse(started.getStatus().getQueuedSince()).plusSeconds(3));
        // Its 3 s start counting now: it times out as a run that reached Testing, not at once as a stale one.
        SitRun failed = awaitPhase(ns, "patient", Phase.FAILED);
        assertThat(failed.getStatus().getReason()).isEqualTo("Timeout");
        assertThat(Duration.between(
                        Timestamps.parse(failed.getStatus().getStartTime()),
                        Timestamps.parse(failed.getStatus().getCompletionTime())))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
}
