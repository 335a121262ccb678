package io.dataops.sit.operator.dependents.kafka;

import java.util.Optional;

/** Who runs a broker once {@code provider: auto} has been resolved. */
public enum KafkaBackend {
    /** A single-node KRaft StatefulSet from the Apache Kafka image. */
    BUILTIN("builtin"),
    /** Strimzi's Kafka + KafkaNodePool + KafkaTopic resources. */
    STRIMZI("strimzi"),
    /** A cluster that exists already (spec.brokers[].external): nothing is provisioned for it. */
    EXTERNAL("external");

    private final String value;

    KafkaBackend(String value) {
        this.value = value;
    }

    /** The value written to {@code status.brokers[].provider}. */
    public String value() {
        return value;
    }

    public static Optional<KafkaBackend> fromValue(String value) {
        for (KafkaBackend b : values()) {
            if (b.value.equals(value)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
