package io.dataops.sit.operator.metrics;

import io.dataops.sit.api.RunCause;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.phase.RunReasons;
import io.dataops.sit.operator.phase.Timestamps;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * What the operator counts as runs move (Prometheus names, as scraped at /q/metrics; README.md "Metrics"):
 * sit_runs_total{outcome,reason,cause}, sit_phase_duration_seconds{phase}, sit_queue_wait_seconds,
 * sit_time_to_ready_seconds, sit_time_to_result_seconds and sit_cleanup_failures_total. The gauges are
 * {@link FleetGauges}'s. reason is a closed set ({@link RunReasons#forMetric}) and cause a closed mapping from it
 * ({@link RunCause}): the runner's result cannot add tag values.
 */
@ApplicationScoped
public class RunMetrics {

    /**
     * Bucket bounds of every duration histogram here: runs take seconds to hours, and Micrometer's default timer
     * histogram stops at 30 s, which would put nearly every run into +Inf.
     */
    static final Duration[] BUCKETS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Duration.ofMinutes(15),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofHours(2),
        Duration.ofHours(4),
        Duration.ofHours(8),
        Duration.ofHours(24)
    };

    private final MeterRegistry registry;
    private final Timer queueWait;
    private final Timer timeToReady;
    private final Timer timeToResult;
    private final Counter cleanupFailures;
    private final FleetGauges fleet;

    /** Tests: with gauges of their own. */
    public RunMetrics(MeterRegistry registry) {
        this(registry, new FleetGauges(registry));
    }

    @Inject
    public RunMetrics(MeterRegistry registry, FleetGauges fleet) {
        this.registry = registry;
        this.fleet = fleet;
        // Registered up front so they are scraped (at 0) before the first run: alerts and dashboards see the series.
        this.queueWait = histogram("sit.queue.wait", "Time runs waited in the queue (queuedSince to admitted)");
        this.timeToReady = histogram(
                "sit.time.to.ready", "Time from a SitRun's creation to its environment being ready (phase Testing)");
        this.timeToResult = histogram(
                "sit.time.to.result",
                "Time from a SitRun's creation to its end (Succeeded, Failed, Error or Cancelled)");
        this.cleanupFailures = Counter.builder("sit.cleanup.failures")
                .description("Run namespace deletions the API server refused (the run's environment stays)")
                .register(registry);
    }

    private Timer histogram(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** The fleet gauges count the SitRuns of this reconcile's controller (its informer caches; see FleetGauges). */
    public void watchFleet(Context<SitRun> context) {
        fleet.watch(context);
    }

    /** Counts an ended run; the cause comes from the outcome and reason ({@link RunCause}). */
    public void runEnded(Phase outcome, String reason) {
        String known = RunReasons.forMetric(reason);
        Counter.builder("sit.runs")
                .description("Runs that ended, by outcome, reason and cause")
                .tag("outcome", outcome.value())
                .tag("reason", known)
                .tag("cause", RunCause.of(outcome, known).tag())
                .register(registry)
                .increment();
    }

    /** Counts an ended run and records how long it took from its creation to this end (sit_time_to_result_seconds). */
    public void runEnded(SitRun run, Phase outcome, String reason, Instant now) {
        runEnded(outcome, reason);
        sinceCreation(run, now, timeToResult);
    }

    /** A run entered a phase: entering Testing is "environment ready" (sit_time_to_ready_seconds). */
    public void phaseEntered(SitRun run, Phase phase, Instant now) {
        if (phase == Phase.TESTING) {
            sinceCreation(run, now, timeToReady);
        }
    }

    public void phaseEnded(Phase phase, Duration took) {
        Timer.builder("sit.phase.duration")
                .description("How long runs spent in each phase")
                .tag("phase", phase.value())
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }

    /** A queued run was admitted after waiting this long (queuedSince to now): sit_queue_wait_seconds. */
    public void runDequeued(Duration waited) {
        queueWait.record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** Deleting a run namespace failed (not: it was already gone). */
    public void cleanupFailed() {
        cleanupFailures.increment();
    }

    private static void sinceCreation(SitRun run, Instant now, Timer timer) {
        String created = run.getMetadata() == null ? null : run.getMetadata().getCreationTimestamp();
        if (created == null) {
            return;
        }
        Duration took = Duration.between(Timestamps.parse(created), now);
        timer.record(took.isNegative() ? Duration.ZERO : took);
    }
}
