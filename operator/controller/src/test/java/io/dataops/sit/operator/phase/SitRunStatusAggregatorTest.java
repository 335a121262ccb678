package io.dataops.sit.operator.phase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.PhaseTimeouts;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.api.v1alpha1.status.CleanupStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SitRunStatusAggregatorTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    final SitRunStatusAggregator aggregator = new SitRunStatusAggregator(OperatorSettings.defaults());

    static SitRun run() {
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName("orders")
                .withNamespace("team")
                .withUid("u1")
                .withGeneration(1L)
                .build());
        SitRunSpec spec = new SitRunSpec();
        spec.setRunner(new RunnerSpec());
        run.setSpec(spec);
        return run;
    }

    static RunObservation obs(Instant now, boolean namespace, JobState runner, String result) {
        return new RunObservation(
                now, null, namespace, List.of(), List.of(), List.of(), Map.of(), Map.of(), runner, result);
    }

    static String runnerResult(Outcome outcome, boolean thresholdPassed) {
        RunnerResult r = new RunnerResult();
        r.setOutcome(outcome);
        r.setScenarios(new ScenarioCounts(3, thresholdPassed ? 3 : 2, thresholdPassed ? 0 : 1));
        r.setThresholds(List.of(new ThresholdResult(
                "product_v1 contains 2 records +/- 1",
                BigDecimal.valueOf(2),
                BigDecimal.ONE,
                BigDecimal.valueOf(thresholdPassed ? 2 : 7),
                thresholdPassed)));
        return ResultCodec.write(r);
    }

    @Test
    void startsPendingWithUnknownOutcome() {
        SitRunStatus s = aggregator.start(run(), T0);
        assertThat(s.getPhase()).isEqualTo(Phase.PENDING);
        assertThat(s.getNamespace()).startsWith("sit-orders-");
        assertThat(s.getRunGeneration()).isEqualTo(1L);
        assertThat(s.condition(Conditions.FINISHED).getStatus()).isEqualTo("False");
        assertThat(s.condition(Conditions.SUCCEEDED).getStatus()).isEqualTo("Unknown");
        assertThat(s.condition(Conditions.READY).getStatus()).isEqualTo("False");
        assertThat(s.getStartTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(s.getDuration()).as("set when the run ends").isNull();
    }

    @Test
    void aQueuedRunHasNoClockAndKeepsWhenItEnteredTheQueue() {
        SitRunStatus q = aggregator.queue(run(), null, "ConcurrencyLimit", "waiting for a slot", 3, T0);
        assertThat(q.getPhase()).isEqualTo(Phase.QUEUED);
        assertThat(q.getQueuePosition()).isEqualTo(3);
        assertThat(q.getQueuedSince()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(q.getStartTime()).isNull();
        assertThat(q.getNamespace()).as("nothing is built").isNull();
        assertThat(q.condition(Conditions.FINISHED).getStatus()).isEqualTo("False");
        assertThat(q.condition(Conditions.FINISHED).getReason()).isEqualTo("Queued");
        assertThat(aggregator.nextCheck(run(), q, T0, Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(15));

        q = aggregator.queue(run(), q, "ConcurrencyLimit", "waiting for a slot", 1, T0.plusSeconds(60));
        assertThat(q.getQueuedSince()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(q.getQueuePosition()).isEqualTo(1);

        SitRunStatus started = aggregator.start(run(), q, T0.plusSeconds(90));
        assertThat(started.getPhase()).isEqualTo(Phase.PENDING);
        assertThat(started.getStartTime())
                .as("the run's clocks start when it leaves the queue")
                .isEqualTo("2026-01-01T10:01:30Z");
        assertThat(started.getQueuedSince()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(started.getQueuePosition()).isNull();
    }

    @Test
    void aSupersededRunIsCancelledFinishedAndNotSucceededAndItsNamespaceFollowsTheTtlNotKeepOnFailure() {
        SitRun run = run();
        run.getSpec().setKeepOnFailure(true);
        run.getSpec().setTtlSecondsAfterFinished(60L);
        SitRunStatus s = aggregator.start(run, T0);
        s = aggregator.cancel(run, s, "Superseded", "superseded by pr-2", T0.plusSeconds(30));
        assertThat(s.getPhase()).isEqualTo(Phase.CANCELLED);
        assertThat(s.isTerminal()).isTrue();
        assertThat(s.getReason()).isEqualTo("Superseded");
        assertThat(s.getCompletionTime()).isEqualTo("2026-01-01T10:00:30Z");
        assertThat(s.getDuration()).isEqualTo("30s");
        assertThat(s.condition(Conditions.FINISHED).getStatus()).isEqualTo("True");
        assertThat(s.condition(Conditions.SUCCEEDED).getStatus()).isEqualTo("False");
        assertThat(s.condition(Conditions.SUCCEEDED).getReason()).isEqualTo("Superseded");
        assertThat(s.condition(Conditions.READY).getStatus()).isEqualTo("False");
        assertThat(s.getCleanup().getPolicy()).isEqualTo(CleanupStatus.POLICY_TTL);
        assertThat(s.getCleanup().getDeleteAfter()).isEqualTo("2026-01-01T10:01:30Z");

        SitRunStatus never = aggregator.cancel(
                run,
                aggregator.queue(run, null, "WaitingForGroup", "m", 1, T0),
                "Superseded",
                "superseded by pr-2",
                T0.plusSeconds(5));
        assertThat(never.getPhase()).isEqualTo(Phase.CANCELLED);
        assertThat(never.getStartTime()).isNull();
        assertThat(never.getDuration()).isNull();
        assertThat(never.getQueuePosition()).isNull();
    }

    @Test
    void walksEveryPhaseToSucceeded() {
        SitRun run = run();
        run.getSpec().setBrokers(List.of(new BrokerSpec("events", null)));
        DatabaseSpec db = new DatabaseSpec();
        db.setName("warehouse");
        run.getSpec().setDatabases(List.of(db));
        SitRunStatus s = aggregator.start(run, T0);

        BrokerStatus broker = new BrokerStatus();
        broker.setName("events");
        DatabaseStatus database = new DatabaseStatus();
        database.setName("warehouse");
        s = aggregator.aggregate(
                run,
                s,
                new RunObservation(
                        T0.plusSeconds(1),
                        null,
                        true,
                        List.of(broker),
                        List.of(database),
                        List.of(),
                        Map.of("warehouse", JobState.ABSENT),
                        Map.of(),
                        JobState.ABSENT,
                        null));
        assertThat(s.getPhase()).isEqualTo(Phase.PROVISIONING);
        assertThat(s.getMessage()).contains("events").contains("warehouse");

        broker.setReady(true);
        database.setReady(true);
        s = aggregator.aggregate(
                run,
                s,
                new RunObservation(
                        T0.plusSeconds(2),
                        null,
                        true,
                        List.of(broker),
                        List.of(database),
                        List.of(),
                        Map.of("warehouse", JobState.RUNNING),
                        Map.of(),
                        JobState.ABSENT,
                        null));
        assertThat(s.getPhase()).isEqualTo(Phase.SEEDING);
        assertThat(s.getPhaseStartTime()).isEqualTo("2026-01-01T10:00:02Z");

        SeedResult seed = new SeedResult();
        seed.setOutcome(Outcome.PASSED);
        seed.setTotalRows(1234);
        s = aggregator.aggregate(
                run,
                s,
                new RunObservation(
                        T0.plusSeconds(3),
                        null,
                        true,
                        List.of(broker),
                        List.of(database),
                        List.of(),
                        Map.of("warehouse", JobState.SUCCEEDED),
                        Map.of("warehouse", ResultCodec.write(seed)),
                        JobState.RUNNING,
                        null));
        assertThat(s.getPhase()).isEqualTo(Phase.TESTING);
        assertThat(s.getDatabases().get(0).getSeededRows()).isEqualTo(1234L);
        assertThat(s.condition(Conditions.READY).getStatus()).isEqualTo("True");
        assertThat(s.getDuration()).isNull();
        assertThat(s.getCompletionTime()).isNull();

        s = aggregator.aggregate(
                run,
                s,
                new RunObservation(
                        T0.plusSeconds(64),
                        null,
                        true,
                        List.of(broker),
                        List.of(database),
                        List.of(),
                        Map.of("warehouse", JobState.SUCCEEDED),
                        Map.of("warehouse", ResultCodec.write(seed)),
                        JobState.SUCCEEDED,
                        runnerResult(Outcome.PASSED, true)));
        assertThat(s.getPhase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(s.getReason()).isEqualTo("AllPassed");
        assertThat(s.getCompletionTime()).isEqualTo("2026-01-01T10:01:04Z");
        assertThat(s.getDuration()).isEqualTo("1m4s");
        assertThat(s.getResults().getPassed()).isEqualTo("3/3");
        assertThat(s.getResults().getThresholds()).singleElement().satisfies(t -> {
            assertThat(t.getExpected()).isEqualByComparingTo("2");
            assertThat(t.getTolerance()).isEqualByComparingTo("1");
            assertThat(t.isPassed()).isTrue();
        });
        assertThat(s.condition(Conditions.FINISHED).getStatus()).isEqualTo("True");
        assertThat(s.condition(Conditions.SUCCEEDED).getStatus()).isEqualTo("True");
        assertThat(s.getCleanup().getPolicy()).isEqualTo(CleanupStatus.POLICY_KEEP);
    }

    @Test
    void twoReconcilesOfAnUnchangedRunningRunAMinuteApartProduceTheSameStatusSoNothingIsWritten() {
        SitRun run = run();
        SitRunStatus testing = aggregator.aggregate(
                run, aggregator.start(run, T0), obs(T0.plusSeconds(5), true, JobState.RUNNING, null));
        assertThat(testing.getPhase()).isEqualTo(Phase.TESTING);

        SitRunStatus first = aggregator.aggregate(run, testing, obs(T0.plusSeconds(10), true, JobState.RUNNING, null));
        SitRunStatus aMinuteLater =
                aggregator.aggregate(run, first, obs(T0.plusSeconds(70), true, JobState.RUNNING, null));

        assertThat(SitRunStatusAggregator.unchanged(first, aMinuteLater)).isTrue();
        assertThat(aMinuteLater.getStartTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(aMinuteLater.getPhaseStartTime()).isEqualTo("2026-01-01T10:00:05Z");
    }

    @Test
    void aRunningDurationLeftByAnOlderOperatorIsDroppedAndTheEndedRunKeepsItsFinalDuration() {
        SitRun run = run();
        SitRunStatus older = aggregator.start(run, T0);
        older.setDuration("2m");
        SitRunStatus running = aggregator.aggregate(run, older, obs(T0.plusSeconds(130), true, JobState.RUNNING, null));
        assertThat(running.getDuration()).isNull();

        SitRunStatus ended = aggregator.aggregate(
                run, running, obs(T0.plusSeconds(200), true, JobState.SUCCEEDED, runnerResult(Outcome.PASSED, true)));
        assertThat(ended.getDuration()).isEqualTo("3m20s");
        SitRunStatus later = aggregator.afterFinish(run, ended, T0.plusSeconds(3600), false);
        assertThat(later.getDuration()).isEqualTo("3m20s");
        assertThat(SitRunStatusAggregator.unchanged(ended, later))
                .as("the first look after the end adds " + "SpecChangedAfterFinish")
                .isFalse();
        assertThat(SitRunStatusAggregator.unchanged(
                        later, aggregator.afterFinish(run, later, T0.plusSeconds(7200), false)))
                .isTrue();
    }

    @Test
    void aggregatingLeavesThePreviousStatusAsItWas() {
        SitRun run = run();
        SitRunStatus previous = aggregator.start(run, T0);
        String before = Serialization.asJson(previous);

        aggregator.aggregate(
                run, previous, obs(T0.plusSeconds(200), true, JobState.SUCCEEDED, runnerResult(Outcome.PASSED, true)));

        assertThat(Serialization.asJson(previous)).isEqualTo(before);
    }

    @Test
    void conditionKeepsLastTransitionTimeWhileStatusUnchanged() {
        SitRun run = run();
        SitRunStatus s = aggregator.start(run, T0);
        String finishedSince = s.condition(Conditions.FINISHED).getLastTransitionTime();
        s = aggregator.aggregate(run, s, obs(T0.plusSeconds(5), true, JobState.ABSENT, null));
        s = aggregator.aggregate(run, s, obs(T0.plusSeconds(9), true, JobState.RUNNING, null));
        assertThat(s.condition(Conditions.FINISHED).getLastTransitionTime()).isEqualTo(finishedSince);
        assertThat(s.condition(Conditions.READY).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:05Z");
        s = aggregator.aggregate(
                run, s, obs(T0.plusSeconds(20), true, JobState.SUCCEEDED, runnerResult(Outcome.PASSED, true)));
        assertThat(s.condition(Conditions.FINISHED).getLastTransitionTime()).isEqualTo("2026-01-01T10:00:20Z");
        assertThat(s.condition(Conditions.FINISHED).getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void failedThresholdIsFailedWithItsName() {
        SitRun run = run();
        SitRunStatus s = aggregator.aggregate(
                run,
                aggregator.start(run, T0),
                obs(T0.plusSeconds(5), true, JobState.FAILED, runnerResult(Outcome.FAILED, false)));
        assertThat(s.getPhase()).isEqualTo(Phase.FAILED);
        assertThat(s.getReason()).isEqualTo("ThresholdsFailed");
        assertThat(s.getMessage()).contains("product_v1 contains 2 records +/- 1");
        assertThat(s.getResults().getPassed()).isEqualTo("2/3");
        assertThat(s.condition(Conditions.SUCCEEDED).getStatus()).isEqualTo("False");
        assertThat(s.condition(Conditions.READY).getStatus()).isEqualTo("True");
    }

    @Test
    void malformedTooLargeAndMissingResultsAreErrors() {
        SitRun run = run();
        SitRunStatus malformed = aggregator.aggregate(
                run, aggregator.start(run, T0), obs(T0.plusSeconds(5), true, JobState.SUCCEEDED, "{not json"));
        assertThat(malformed.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(malformed.getReason()).isEqualTo("MalformedResult");

        String huge = "{\"outcome\":\"Passed\",\"message\":\"" + "x".repeat(RunContract.MAX_RESULT_BYTES) + "\"}";
        SitRunStatus tooLarge = aggregator.aggregate(
                run, aggregator.start(run, T0), obs(T0.plusSeconds(5), true, JobState.SUCCEEDED, huge));
        assertThat(tooLarge.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(tooLarge.getReason()).isEqualTo("ResultTooLarge");

        SitRunStatus missing = aggregator.aggregate(
                run, aggregator.start(run, T0), obs(T0.plusSeconds(5), true, JobState.SUCCEEDED, null));
        assertThat(missing.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(missing.getReason()).isEqualTo("NoResult");
        assertThat(missing.condition(Conditions.SUCCEEDED).getStatus()).isEqualTo("False");
        assertThat(missing.condition(Conditions.FINISHED).getStatus()).isEqualTo("True");
    }

    @Test
    void gateFailureNamesTheGate() {
        SitRun run = run();
        DatabaseSpec db = new DatabaseSpec();
        db.setName("warehouse");
        run.getSpec().setDatabases(List.of(db));
        SeedResult seed = new SeedResult();
        seed.setOutcome(Outcome.FAILED);
        seed.setGates(List.of(new SeedResult.GateResult("currency minRows 10", false, "3 rows")));
        SitRunStatus s = aggregator.aggregate(
                run,
                aggregator.start(run, T0),
                new RunObservation(
                        T0.plusSeconds(5),
                        null,
                        true,
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of("warehouse", JobState.FAILED),
                        Map.of("warehouse", ResultCodec.write(seed)),
                        JobState.ABSENT,
                        null));
        assertThat(s.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(s.getReason()).isEqualTo("GateFailed");
        assertThat(s.getMessage()).contains("currency minRows 10").contains("warehouse");
    }

    @Test
    void problemEndsTheRunAsError() {
        SitRun run = run();
        SitRunStatus s = aggregator.aggregate(
                run,
                aggregator.start(run, T0),
                new RunObservation(
                        T0.plusSeconds(1),
                        new Problem("ConfigMapNotFound", "ConfigMap orders-features ..."),
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Map.of(),
                        JobState.ABSENT,
                        null));
        assertThat(s.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(s.getReason()).isEqualTo("ConfigMapNotFound");
        assertThat(s.condition(Conditions.READY).getReason()).isEqualTo("ConfigMapNotFound");
    }

    @Test
    void timeoutBeforeTestingIsErrorDuringTestingIsFailed() {
        SitRun run = run();
        run.getSpec().setBrokers(List.of(new BrokerSpec("events", null)));
        SitRunStatus provisioning = aggregator.aggregate(
                run, aggregator.start(run, T0), obs(T0.plusSeconds(1), true, JobState.ABSENT, null));
        assertThat(provisioning.getPhase()).isEqualTo(Phase.PROVISIONING);
        // default provisioning limit 10m
        SitRunStatus stuck = aggregator.aggregate(
                run, provisioning, obs(T0.plus(Duration.ofMinutes(10)).plusSeconds(2), true, JobState.ABSENT, null));
        assertThat(stuck.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(stuck.getReason()).isEqualTo("Timeout");
        assertThat(stuck.getMessage()).contains("Provisioning").contains("10m");

        SitRun testingRun = run();
        testingRun.getSpec().setTimeout("5m");
        SitRunStatus testing = aggregator.aggregate(
                testingRun, aggregator.start(testingRun, T0), obs(T0.plusSeconds(1), true, JobState.RUNNING, null));
        SitRunStatus late = aggregator.aggregate(
                testingRun, testing, obs(T0.plus(Duration.ofMinutes(5)).plusSeconds(1), true, JobState.RUNNING, null));
        assertThat(late.getPhase()).isEqualTo(Phase.FAILED);
        assertThat(late.getReason()).isEqualTo("Timeout");
        assertThat(late.getMessage()).contains("5m");

        SitRunStatus deadline = aggregator.aggregate(
                testingRun, testing, obs(T0.plusSeconds(30), true, JobState.DEADLINE_EXCEEDED, null));
        assertThat(deadline.getPhase()).isEqualTo(Phase.FAILED);
        assertThat(deadline.getReason()).isEqualTo("Timeout");
    }

    @Test
    void nextCheckAimsAtTheNearestDeadline() {
        SitRun run = run();
        run.getSpec().setTimeout("1h");
        PhaseTimeouts phases = new PhaseTimeouts();
        phases.setProvisioning("30s");
        run.getSpec().setPhaseTimeouts(phases);
        run.getSpec().setBrokers(List.of(new BrokerSpec("events", null)));
        SitRunStatus s = aggregator.aggregate(run, aggregator.start(run, T0), obs(T0, true, JobState.ABSENT, null));
        assertThat(aggregator.nextCheck(run, s, T0.plusSeconds(5), Duration.ofSeconds(15)))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(aggregator.nextCheck(run, s, T0.plusSeconds(25), Duration.ofSeconds(15)))
                .isEqualTo(Duration.ofMillis(5500));
    }

    @Test
    void cleanupPlans() {
        SitRun ttl = run();
        ttl.getSpec().setTtlSecondsAfterFinished(600L);
        assertThat(aggregator.cleanupPlan(ttl, Phase.SUCCEEDED, T0).getDeleteAfter())
                .isEqualTo("2026-01-01T10:10:00Z");
        assertThat(aggregator.cleanupPlan(ttl, Phase.SUCCEEDED, T0).getPolicy()).isEqualTo(CleanupStatus.POLICY_TTL);

        SitRun keep = run();
        keep.getSpec().setTtlSecondsAfterFinished(600L);
        keep.getSpec().setKeepOnFailure(true);
        assertThat(aggregator.cleanupPlan(keep, Phase.SUCCEEDED, T0).getPolicy())
                .isEqualTo(CleanupStatus.POLICY_TTL);
        CleanupStatus kept = aggregator.cleanupPlan(keep, Phase.FAILED, T0);
        assertThat(kept.getPolicy()).isEqualTo(CleanupStatus.POLICY_KEEP_ON_FAILURE);
        assertThat(kept.getDeleteAfter()).isEqualTo("2026-01-02T10:00:00Z");

        keep.getSpec().setKeepOnFailureFor("720h");
        assertThat(aggregator.cleanupPlan(keep, Phase.ERROR, T0).getDeleteAfter())
                .isEqualTo("2026-01-08T10:00:00Z");
    }

    /** sit.cleanup.max-keep (7 days by default) bounds every policy, so no ended namespace lives on unbounded. */
    @Test
    void everyCleanupPlanEndsWithinMaxKeep() {
        SitRun unset = run();
        for (Phase end : List.of(Phase.SUCCEEDED, Phase.FAILED, Phase.ERROR)) {
            CleanupStatus plan = aggregator.cleanupPlan(unset, end, T0);
            assertThat(plan.getPolicy()).isEqualTo(CleanupStatus.POLICY_KEEP);
            assertThat(plan.getDeleteAfter()).isEqualTo("2026-01-08T10:00:00Z");
        }
        SitRun longTtl = run();
        longTtl.getSpec().setTtlSecondsAfterFinished(2592000L);
        assertThat(aggregator.cleanupPlan(longTtl, Phase.SUCCEEDED, T0).getDeleteAfter())
                .isEqualTo("2026-01-08T10:00:00Z");

        SitRunStatus ended = aggregator.aggregate(
                unset,
                aggregator.start(unset, T0),
                obs(T0.plusSeconds(20), true, JobState.SUCCEEDED, runnerResult(Outcome.PASSED, true)));
        assertThat(aggregator.nextCheck(unset, ended, T0.plusSeconds(20), Duration.ofSeconds(15)))
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void keptFailureSaysSoInMessage() {
        SitRun run = run();
        run.getSpec().setKeepOnFailure(true);
        SitRunStatus s = aggregator.aggregate(
                run,
                aggregator.start(run, T0),
                obs(T0.plusSeconds(5), true, JobState.FAILED, runnerResult(Outcome.FAILED, false)));
        assertThat(s.getMessage()).contains("kept for debugging until 2026-01-02T10:00:05Z");
    }

    @Test
    void specChangeAfterFinishIsReportedNotRun() {
        SitRun run = run();
        SitRunStatus done = aggregator.aggregate(
                run,
                aggregator.start(run, T0),
                obs(T0.plusSeconds(5), true, JobState.SUCCEEDED, runnerResult(Outcome.PASSED, true)));
        SitRunStatus same = aggregator.afterFinish(run, done, T0.plusSeconds(6), false);
        assertThat(same.condition(Conditions.SPEC_CHANGED_AFTER_FINISH).getStatus())
                .isEqualTo("False");
        run.getMetadata().setGeneration(2L);
        SitRunStatus changed = aggregator.afterFinish(run, same, T0.plusSeconds(7), false);
        assertThat(changed.getPhase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(changed.condition(Conditions.SPEC_CHANGED_AFTER_FINISH).getStatus())
                .isEqualTo("True");
        assertThat(changed.condition(Conditions.SPEC_CHANGED_AFTER_FINISH).getMessage())
                .contains("rerunToken");
        assertThat(changed.getObservedGeneration()).isEqualTo(2L);
    }

    static final String MARKER = "s3cr3t-MARKER-77";

    @Test
    void runnerMessagesReachStatusRedactedAndBoundedAndOddReasonsAreReplaced() {
        SitRun run = run();
        RunnerResult r = new RunnerResult();
        r.setOutcome(Outcome.ERROR);
        r.setReason("not a reason; " + MARKER);
        r.setMessage("starting https://bot:" + MARKER + "@ci.example.com/start?token=" + MARKER + " returned HTTP 500 "
                + "x".repeat(20_000));
        r.setScenarios(new ScenarioCounts(1, 0, 1));
        ThresholdResult t = new ThresholdResult(
                "calls http://h/x?apikey=" + MARKER, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, false);
        t.setMessage("password=" + MARKER);
        r.setThresholds(List.of(t));
        SitRunStatus s = aggregator.aggregate(
                run, aggregator.start(run, T0), obs(T0.plusSeconds(5), true, JobState.FAILED, ResultCodec.write(r)));

        assertThat(s.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(s.getReason()).isEqualTo("RunnerError");
        assertThat(s.getMessage())
                .startsWith("starting https://***@ci.example.com/start?*** returned HTTP 500")
                .doesNotContain(MARKER);
        assertThat(s.getMessage().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(s.getConditions())
                .allSatisfy(c -> assertThat(c.getMessage())
                        .doesNotContain(MARKER)
                        .satisfies(m -> assertThat(m.getBytes(StandardCharsets.UTF_8).length)
                                .isLessThanOrEqualTo(4096)));
        assertThat(Serialization.asJson(s)).doesNotContain(MARKER);
    }

    @Test
    void seedErrorsKeepTheFirstLineOnlySoNoSqlStatementReachesStatus() {
        SitRun run = run();
        DatabaseSpec db = new DatabaseSpec();
        db.setName("warehouse");
        run.getSpec().setDatabases(List.of(db));
        SeedResult seed = new SeedResult();
        seed.setOutcome(Outcome.ERROR);
        seed.setReason("SqlError");
        seed.setMessage("seed step 1 (init.sql) failed: ERROR: syntax error\n  Where: SQL statement \"INSERT INTO t "
                + "VALUES ('" + MARKER + "')\"");
        SitRunStatus s = aggregator.aggregate(
                run,
                aggregator.start(run, T0),
                new RunObservation(
                        T0.plusSeconds(5),
                        null,
                        true,
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of("warehouse", JobState.FAILED),
                        Map.of("warehouse", ResultCodec.write(seed)),
                        JobState.ABSENT,
                        null));
        assertThat(s.getReason()).isEqualTo("SqlError");
        assertThat(s.getMessage())
                .contains("syntax error")
                .doesNotContain(MARKER)
                .doesNotContain("INSERT");
    }

    /**
     * One reconcile after every database of {@code run} is ready and its seed Job ended with {@code seeds}' result
     * (Succeeded when PASSED, else Failed), the runner Job in {@code runnerJob} with {@code runner}'s result.
     */
    static SitRunStatus afterSeeds(
            SitRunStatusAggregator aggregator,
            SitRun run,
            Map<String, SeedResult> seeds,
            JobState runnerJob,
            String runner) {
        List<DatabaseStatus> databases = new ArrayList<>();
        Map<String, JobState> seedJobs = new HashMap<>();
        Map<String, String> seedResults = new HashMap<>();
        for (DatabaseSpec spec : run.getSpec().getDatabases()) {
            DatabaseStatus db = new DatabaseStatus();
            db.setName(spec.getName());
            db.setReady(true);
            databases.add(db);
            SeedResult seed = seeds.get(spec.getName());
            seedJobs.put(spec.getName(), seed.getOutcome() == Outcome.PASSED ? JobState.SUCCEEDED : JobState.FAILED);
            seedResults.put(spec.getName(), ResultCodec.write(seed));
        }
        return aggregator.aggregate(
                run,
                aggregator.start(run, T0),
                new RunObservation(
                        T0.plusSeconds(5),
                        null,
                        true,
                        List.of(),
                        databases,
                        List.of(),
                        seedJobs,
                        seedResults,
                        runnerJob,
                        runner));
    }
}
