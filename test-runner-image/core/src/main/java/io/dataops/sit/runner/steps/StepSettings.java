package io.dataops.sit.runner.steps;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Timing knobs of the step library, from environment variables so a SitRun's runner.env can tune them:
 * SIT_QUIET_PERIOD_MS — "finished processing" waits until no topic changed for this long; unset, the quiet period
 * is twice the time the systems took to catch up, between 250 ms and 2 s ({@link #quietPeriodAfter});
 * SIT_PROCESSING_TIMEOUT_SECONDS (default 120) — upper bound of "finished processing";
 * SIT_CORRELATION_FIELD — a record field that identifies an event when key and header are absent (latency);
 * SIT_GLUE_ENDPOINT — AWS Glue endpoint override (e.g. a local stub);
 * SIT_BROKER_TIMEOUT_SECONDS (default 15) — how long a broker may not answer before BrokerUnreachable;
 * SIT_HTTP_CONNECT_SECONDS (default 30) — how long an HTTP request step retries a connection that is refused (a
 * system still starting), before the scenario fails.
 */
public record StepSettings(
        Optional<Duration> fixedQuietPeriod,
        Duration processingTimeout,
        String correlationField,
        String glueEndpoint,
        Duration brokerTimeout,
        Duration httpConnectTimeout) {

    /** The settings before HTTP targets, with the default connect window. */
    public StepSettings(
            Optional<Duration> fixedQuietPeriod,
            Duration processingTimeout,
            String correlationField,
            String glueEndpoint,
            Duration brokerTimeout) {
        this(fixedQuietPeriod, processingTimeout, correlationField, glueEndpoint, brokerTimeout, DEFAULT_HTTP_CONNECT);
    }

    static final Duration DEFAULT_HTTP_CONNECT = Duration.ofSeconds(30);

    /** Bounds of the quiet period when SIT_QUIET_PERIOD_MS is unset. */
    static final Duration MIN_QUIET_PERIOD = Duration.ofMillis(250);

    static final Duration MAX_QUIET_PERIOD = Duration.ofSeconds(2);

    public static StepSettings defaults() {
        return fromEnv(Map.of());
    }

    public static StepSettings fromEnv(Map<String, String> env) {
        return new StepSettings(
                Optional.ofNullable(env.get("SIT_QUIET_PERIOD_MS"))
                        .filter(v -> !v.isBlank())
                        .map(v -> Duration.ofMillis(Long.parseLong(v.strip()))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("SIT_PROCESSING_TIMEOUT_SECONDS", "120"))),
                env.get("SIT_CORRELATION_FIELD"),
                env.get("SIT_GLUE_ENDPOINT"),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("SIT_BROKER_TIMEOUT_SECONDS", "15"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault(
                        "SIT_HTTP_CONNECT_SECONDS", Long.toString(DEFAULT_HTTP_CONNECT.toSeconds())))));
    }

    /**
     * How long no topic may change before processing counts as finished, once the consumer groups took
     * {@code catchUp} to catch up. A fixed SIT_QUIET_PERIOD_MS wins. Otherwise twice the catch-up time: a system
     * that commits its input before it writes its output writes within about the time it takes to process, so a
     * system that keeps up in 50 ms is not waited for 2 s, while a slow one gets the full 2 s it got before.
     */
    public Duration quietPeriodAfter(Duration catchUp) {
        if (fixedQuietPeriod.isPresent()) {
            return fixedQuietPeriod.get();
        }
        Duration twice = catchUp.multipliedBy(2);
        return twice.compareTo(MIN_QUIET_PERIOD) < 0
                ? MIN_QUIET_PERIOD
                : twice.compareTo(MAX_QUIET_PERIOD) > 0 ? MAX_QUIET_PERIOD : twice;
    }

    public StepSettings withQuietPeriod(Duration quiet) {
        return new StepSettings(
                Optional.of(quiet),
                processingTimeout,
                correlationField,
                glueEndpoint,
                brokerTimeout,
                httpConnectTimeout);
    }

    public StepSettings withBrokerTimeout(Duration timeout) {
        return new StepSettings(
                fixedQuietPeriod, processingTimeout, correlationField, glueEndpoint, timeout, httpConnectTimeout);
    }

    public StepSettings withHttpConnectTimeout(Duration timeout) {
        return new StepSettings(
                fixedQuietPeriod, processingTimeout, correlationField, glueEndpoint, brokerTimeout, timeout);
    }
}
