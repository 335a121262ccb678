package io.dataops.sit.api.results;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a runner or seed invocation ended. */
public enum Outcome {
    /** Every scenario and threshold passed (runner) or data loaded and every gate passed (seed). */
    PASSED("Passed"),
    /** Tests ran and something failed (runner), or a data-quality gate failed (seed). */
    FAILED("Failed"),
    /** Could not run: bad input, broker unreachable, fixture missing. */
    ERROR("Error");

    private final String value;

    Outcome(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
