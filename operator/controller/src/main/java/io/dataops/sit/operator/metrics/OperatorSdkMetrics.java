package io.dataops.sit.operator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's own metrics (operator_sdk_*), per controller and not per SitRun. Its default tags every meter with the
 * resource's name and namespace: some 80 meters per SitRun, timers with histograms among them, kept until a while after
 * the SitRun is deleted. With 1000 SitRuns queued at once the operator spent its 256 MiB heap on those meters and the
 * scrapes rendering them and stopped in full GCs (e2e/bench, 2026-12-02). The runs' own numbers are sit_* (RunMetrics),
 * tagged by phase, outcome and reason only: bounded whatever the number of runs.
 */
public class OperatorSdkMetrics {

    @Produces
    @Singleton
    Metrics operatorSdkMetrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }
}
