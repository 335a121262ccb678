package io.dataops.sit.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a run is. Succeeded, Failed and Error are terminal. */
public enum Phase {
    PENDING("Pending"),
    PROVISIONING("Provisioning"),
    SEEDING("Seeding"),
    TESTING("Testing"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    ERROR("Error");

    private final String value;

    Phase(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == ERROR;
    }
}
