package io.dataops.sit.runner.steps;

/**
 * A step could not run because of bad input or an unreachable dependency (not a test failure): the
 * scenario ends as "error" and the run's outcome is Error with {@link #reason()}.
 */
public class StepError extends RuntimeException {

    public static final String FIXTURE_NOT_FOUND = "FixtureNotFound";
    public static final String SCHEMA_MISMATCH = "SchemaMismatch";
    public static final String BROKER_UNREACHABLE = "BrokerUnreachable";
    public static final String DATABASE_UNREACHABLE = "DatabaseUnreachable";
    public static final String BAD_INPUT = "BadInput";
    public static final String JOB_NOT_FOUND = "JobNotFound";

    private final String reason;

    public StepError(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StepError(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
