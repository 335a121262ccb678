package io.dataops.sit.operator.lifecycle;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.GoDuration;
import io.dataops.sit.operator.OperatorSettings;
import java.time.Duration;

/**
 * The time limits of one run: the whole run (spec.timeout, default 30m) and each phase
 * (spec.phaseTimeouts; provisioning and seeding default to the operator's 10m, testing to the whole run).
 * A phase limit never exceeds the whole run's.
 */
public record RunDeadlines(Duration total, Duration provisioning, Duration seeding, Duration testing) {

    public static RunDeadlines of(SitRun run, OperatorSettings settings) {
        var spec = run.getSpec();
        Duration total = GoDuration.parseOr(spec.getTimeout(), settings.defaultTimeout());
        var phases = spec.getPhaseTimeouts();
        Duration provisioning = min(total, GoDuration.parseOr(phases == null ? null : phases.getProvisioning(),
                settings.provisioningTimeout()));
        Duration seeding = min(total, GoDuration.parseOr(phases == null ? null : phases.getSeeding(),
                settings.seedingTimeout()));
        Duration testing = min(total, GoDuration.parseOr(phases == null ? null : phases.getTesting(), total));
        return new RunDeadlines(total, provisioning, seeding, testing);
    }

    /** The runner Job's activeDeadlineSeconds: at least one second. */
    public Duration testingLimit() {
        return testing.isZero() ? Duration.ofSeconds(1) : testing;
    }

    public Duration limitOf(Phase phase) {
        return switch (phase) {
            case PROVISIONING -> provisioning;
            case SEEDING -> seeding;
            case TESTING -> testing;
            default -> total;
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
