package io.dataops.sit.runner.seed;

/** Seeding could not be done; reason is the SeedResult reason (FixtureNotFound, SqlError, BadCsv, ...). */
public final class SeedException extends Exception {

    private final String reason;

    public SeedException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
