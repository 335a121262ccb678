package io.dataops.sit.runner.evidence;

import io.dataops.sit.api.RunContract;
import java.time.Duration;
import java.util.Map;

/**
 * How much data evidence to take and how long to try.
 *
 * @param records last records per topic ({@link RunContract#ENV_EVIDENCE_RECORDS}, default 20)
 * @param rows    first rows per sampled table ({@link RunContract#ENV_EVIDENCE_ROWS}, default 20)
 * @param overall the whole collection's bound: evidence must not keep a failed run's namespace alive
 * @param perCall bound of one broker or database call, so one dead server cannot use up {@code overall}
 */
public record DataEvidenceSettings(int records, int rows, Duration overall, Duration perCall) {

    public static final int DEFAULT_RECORDS = 20;
    public static final int DEFAULT_ROWS = 20;

    public static DataEvidenceSettings fromEnv(Map<String, String> env) {
        return new DataEvidenceSettings(
                count(env, RunContract.ENV_EVIDENCE_RECORDS, DEFAULT_RECORDS),
                count(env, RunContract.ENV_EVIDENCE_ROWS, DEFAULT_ROWS),
                Duration.ofSeconds(60),
                Duration.ofSeconds(15));
    }

    private static int count(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Math.max(0, Math.min(1000, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            System.err.println("warning: " + name + "=" + value + " is not a number; using " + fallback);
            return fallback;
        }
    }
}
