package io.dataops.sit.runner.steps;

import java.time.Duration;
import java.util.Map;

/**
 * Timing knobs of the step library, from environment variables so a SitRun's runner.env can tune them:
 * SIT_QUIET_PERIOD_MS (default 2000) — "finished processing" waits until no topic changed for this long;
 * SIT_PROCESSING_TIMEOUT_SECONDS (default 120) — upper bound of "finished processing";
 * SIT_CORRELATION_FIELD — a record field that identifies an event when key and header are absent (latency);
 * SIT_GLUE_ENDPOINT — AWS Glue endpoint override (e.g. a local stub);
 * SIT_BROKER_TIMEOUT_SECONDS (default 15) — how long a broker may not answer before BrokerUnreachable.
 */
public record StepSettings(
        Duration quietPeriod,
        Duration processingTimeout,
        String correlationField,
        String glueEndpoint,
        Duration brokerTimeout) {

    public static StepSettings defaults() {
        return fromEnv(Map.of());
    }

    public static StepSettings fromEnv(Map<String, String> env) {
        return new StepSettings(
                Duration.ofMillis(Long.parseLong(env.getOrDefault("SIT_QUIET_PERIOD_MS", "2000"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("SIT_PROCESSING_TIMEOUT_SECONDS", "120"))),
                env.get("SIT_CORRELATION_FIELD"),
                env.get("SIT_GLUE_ENDPOINT"),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("SIT_BROKER_TIMEOUT_SECONDS", "15"))));
    }

    public StepSettings withQuietPeriod(Duration quiet) {
        return new StepSettings(quiet, processingTimeout, correlationField, glueEndpoint, brokerTimeout);
    }

    public StepSettings withBrokerTimeout(Duration timeout) {
        return new StepSettings(quietPeriod, processingTimeout, correlationField, glueEndpoint, timeout);
    }
}
