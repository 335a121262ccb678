package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a newer SitRun of a concurrency group does to an older one still running (GitHub Actions' cancel-in-progress). */
public enum ConcurrencyPolicy {
    /** The newer run waits (phase Queued, reason WaitingForGroup) until the older one ended. */
    QUEUE("Queue"),
    /** The older run ends at once (phase Cancelled, reason Superseded; evidence kept, environment cleaned up per policy). */
    CANCEL_RUNNING("CancelRunning");

    private final String value;

    ConcurrencyPolicy(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
