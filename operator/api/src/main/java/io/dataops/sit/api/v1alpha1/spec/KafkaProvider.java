package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonValue;

public enum KafkaProvider {
    AUTO("auto"),
    STRIMZI("strimzi"),
    BUILTIN("builtin");

    private final String value;

    KafkaProvider(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
