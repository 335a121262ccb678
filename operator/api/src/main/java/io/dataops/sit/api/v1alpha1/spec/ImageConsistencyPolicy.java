package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a run does when its systems' images come from different builds (spec.imageConsistency). */
public enum ImageConsistencyPolicy {
    /** The run ends in Error with reason ImagesFromDifferentBuilds before the runner starts (or as soon as seen). */
    FAIL("Fail"),
    /** The run goes on; condition ImagesConsistent=False and a Warning Event say which systems differ. */
    WARN("Warn");

    private final String value;

    ImageConsistencyPolicy(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
