package io.dataops.sit.runner.steps;

import io.dataops.sit.api.RunReason;

/**
 * A step could not run because of bad input or an unreachable dependency (not a test failure): the
 * scenario ends as "error" and the run's outcome is Error with {@link #reason()}.
 */
public class StepError extends RuntimeException {

    private final String reason;

    public StepError(RunReason reason, String message) {
        super(message);
        this.reason = reason.value();
    }

    public StepError(RunReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason.value();
    }

    public String reason() {
        return reason;
    }
}
