package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import io.dataops.sit.api.v1alpha1.Phase;

/** When a run's evidence bundle is captured. Reports (JUnit, JSON, HTML) are published for every run regardless. */
public enum EvidenceWhen {
    ON_FAILURE("OnFailure"),
    ALWAYS("Always"),
    NEVER("Never");

    private final String value;

    EvidenceWhen(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** Whether a run that ended in {@code outcome} (a terminal phase) keeps its evidence. */
    public boolean captures(Phase outcome) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ON_FAILURE -> outcome != Phase.SUCCEEDED;
        };
    }
}
