package io.dataops.sit.runner.seed;

import io.dataops.sit.api.RunReason;

/** Seeding could not be done; reason is the SeedResult reason (FixtureNotFound, SqlError, BadCsv, ...). */
public final class SeedException extends Exception {

    private final String reason;

    public SeedException(RunReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason.value();
    }

    public String reason() {
        return reason;
    }
}
