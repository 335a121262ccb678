package io.dataops.sit.runner.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relay traces only when told where to: no endpoint, no SDK, no exporter thread. */
class RelayTracingTest {

    @Test
    void tracingIsOffWithoutAnEndpointOrWhenDisabled() {
        assertThat(RelayTracing.fromEnv(Map.of()).enabled()).isFalse();
        assertThat(RelayTracing.fromEnv(Map.of(RelayTracing.ENDPOINT, " ")).enabled())
                .isFalse();
        assertThat(RelayTracing.fromEnv(
                                Map.of(RelayTracing.ENDPOINT, "http://127.0.0.1:4318", "OTEL_SDK_DISABLED", "true"))
                        .enabled())
                .isFalse();
        assertThat(RelayTracing.fromEnv(
                                Map.of(RelayTracing.ENDPOINT, "http://127.0.0.1:4318", "OTEL_TRACES_EXPORTER", "none"))
                        .enabled())
                .isFalse();
        try (RelayTracing on =
                RelayTracing.fromEnv(Map.of(RelayTracing.TRACES_ENDPOINT, "http://127.0.0.1:4318/v1/traces"))) {
            assertThat(on.enabled()).isTrue();
        }
    }
}
