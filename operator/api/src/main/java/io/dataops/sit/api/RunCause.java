package io.dataops.sit.api;

import io.dataops.sit.api.v1alpha1.Phase;
import java.util.Locale;

/**
 * Which side an ended run's outcome points at (the {@code cause} tag of {@code sit_runs_total}), so an on-call person
 * sees at a glance whether the platform, the run's data or the tests themselves failed. Each {@link RunReason} names
 * its cause; README.md, "Metrics", has the same table.
 */
public enum RunCause {
    /** The run succeeded (and the reasons that never end a run: the queue's). */
    NONE,
    /**
     * The environment could not be built or kept usable: the cluster or platform (images, pods, Kafka, STS, the
     * runner/operator contract), or the admin's fence refusing the spec before anything was built.
     */
    INFRASTRUCTURE,
    /** The run's data: fixtures missing or unreadable, seeds failing, data-quality gates, CSV/schema errors. */
    DATA,
    /** The scenarios ran (or could not be parsed) and failed: the tests' own verdict. */
    TEST,
    /** The run was stopped on purpose (a newer run of its concurrency group superseded it). */
    CANCELLED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The cause of a run that ended with this outcome and reason. The outcome decides first: Succeeded is none,
     * Cancelled is cancelled, whatever the reason says. A reason this vocabulary does not know can only come from a
     * (custom) runner: the tests' side.
     */
    public static RunCause of(Phase outcome, String reason) {
        if (outcome == Phase.SUCCEEDED) {
            return NONE;
        }
        if (outcome == Phase.CANCELLED) {
            return CANCELLED;
        }
        RunCause cause = RunReason.fromValue(reason)
                .map(r -> r.causeWhenEndedAs(outcome))
                .orElse(TEST);
        // A reason that only means success cannot explain a failed run: the runner said AllPassed with outcome Failed.
        return cause == NONE ? TEST : cause;
    }
}
