package io.dataops.sit.api.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes result documents. Reading never guesses: a document that is too large, not JSON,
 * of an unknown schema version or without an outcome is rejected with a reason, never taken as a pass.
 */
public final class ResultCodec {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ResultCodec() {}

    public static String write(Object result) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise result", e);
        }
    }

    public static RunnerResult readRunner(String json) throws InvalidResultException {
        RunnerResult r = read(json, RunnerResult.class);
        if (r.getScenarios() == null) {
            throw new InvalidResultException(RunReason.MALFORMED_RESULT, "runner result has no scenario counts");
        }
        return r;
    }

    /** A progress document; null when it cannot be read (progress is informative only, never a verdict). */
    public static RunProgress readProgress(String json) {
        if (json == null || json.isBlank() || json.length() > 16 * 1024) {
            return null;
        }
        try {
            return MAPPER.readValue(json, RunProgress.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public static SeedResult readSeed(String json) throws InvalidResultException {
        return read(json, SeedResult.class);
    }

    private static <T> T read(String json, Class<T> type) throws InvalidResultException {
        if (json == null || json.isBlank()) {
            throw new InvalidResultException(RunReason.MALFORMED_RESULT, "result is empty");
        }
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > RunContract.MAX_RESULT_BYTES) {
            throw new InvalidResultException(
                    RunReason.RESULT_TOO_LARGE,
                    "result is " + size + " bytes, more than the " + RunContract.MAX_RESULT_BYTES + " accepted");
        }
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidResultException(
                    RunReason.MALFORMED_RESULT, "result is not valid JSON: " + e.getOriginalMessage());
        }
        int version =
                value instanceof RunnerResult rr ? rr.getSchemaVersion() : ((SeedResult) value).getSchemaVersion();
        Outcome outcome = value instanceof RunnerResult rr ? rr.getOutcome() : ((SeedResult) value).getOutcome();
        if (version != RunnerResult.SCHEMA_VERSION) {
            throw new InvalidResultException(RunReason.MALFORMED_RESULT, "unsupported result schemaVersion " + version);
        }
        if (outcome == null) {
            throw new InvalidResultException(RunReason.MALFORMED_RESULT, "result has no outcome");
        }
        return value;
    }

    /** A result document that cannot be trusted; reason is a status reason (MalformedResult, ResultTooLarge). */
    public static final class InvalidResultException extends Exception {
        private final String reason;

        public InvalidResultException(RunReason reason, String message) {
            super(message);
            this.reason = reason.value();
        }

        public String reason() {
            return reason;
        }
    }
}
