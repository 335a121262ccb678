package io.dataops.sit.operator.phase;

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
        Duration provisioning = min(
                total,
                GoDuration.parseOr(phases == null ? null : phases.getProvisioning(), settings.provisioningTimeout()));
        Duration seeding =
                min(total, GoDuration.parseOr(phases == null ? null : phases.getSeeding(), settings.seedingTimeout()));
        Duration testing = min(total, GoDuration.parseOr(phases == null ? null : phases.getTesting(), total));
        return new RunDeadlines(total, provisioning, seeding, testing);
    }

    /** The grace the Job's own deadline leaves the operator's phase timeout, which acts first. */
    public static final Duration JOB_DEADLINE_GRACE = Duration.ofSeconds(60);

    /**
     * The runner Job's activeDeadlineSeconds: the testing limit plus a grace. The operator's phase timeout ends the run
     * first and captures the evidence (the runner's log) before it stops the Job; the Job's deadline is the backstop when
     * no operator runs, and at the same moment the Job controller would delete the pod (and its log) first.
     */
    public Duration runnerJobDeadline() {
        return (testing.isZero() ? Duration.ofSeconds(1) : testing).plus(JOB_DEADLINE_GRACE);
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
