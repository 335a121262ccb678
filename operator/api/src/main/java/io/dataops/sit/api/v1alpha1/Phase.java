package io.dataops.sit.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a run is. Queued runs wait for a slot (sit.concurrency.*) or for an older run of their concurrency group and
 * build nothing; Succeeded, Failed, Error and Cancelled (a newer run of the group superseded it) are terminal.
 */
public enum Phase {
    QUEUED("Queued"),
    PENDING("Pending"),
    PROVISIONING("Provisioning"),
    SEEDING("Seeding"),
    TESTING("Testing"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    ERROR("Error"),
    CANCELLED("Cancelled");

    private final String value;

    Phase(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == ERROR || this == CANCELLED;
    }
}
