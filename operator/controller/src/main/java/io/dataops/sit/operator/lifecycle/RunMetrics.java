package io.dataops.sit.operator.lifecycle;

import io.dataops.sit.api.v1alpha1.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * sit_runs_total{outcome,reason} and sit_phase_duration_seconds{phase} (histogram), next to JOSDK's own metrics.
 * reason is a closed set ({@link RunReasons#forMetric}): the runner's result cannot add tag values.
 */
@ApplicationScoped
public class RunMetrics {

    private final MeterRegistry registry;

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void runEnded(Phase outcome, String reason) {
        Counter.builder("sit.runs").description("Runs that ended, by outcome")
                .tag("outcome", outcome.value()).tag("reason", RunReasons.forMetric(reason))
                .register(registry).increment();
    }

    public void phaseEnded(Phase phase, Duration took) {
        Timer.builder("sit.phase.duration").description("How long runs spent in each phase")
                .tag("phase", phase.value()).publishPercentileHistogram()
                .register(registry).record(took);
    }

    /** A queued run was admitted after waiting this long (queuedSince to now). */
    public void runDequeued(Duration waited) {
        // recorded by the metrics work
    }
}
