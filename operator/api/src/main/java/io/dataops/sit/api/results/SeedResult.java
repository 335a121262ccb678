package io.dataops.sit.api.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataops.sit.api.RunReason;
import java.util.ArrayList;
import java.util.List;

/** What a seed Job hands back for one database, under {@code RunContract.seedResultKey(database)}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SeedResult {

    private int schemaVersion = RunnerResult.SCHEMA_VERSION;
    private String database;
    /** PASSED when loaded and every gate passed, FAILED when a gate failed, ERROR when loading failed. */
    private Outcome outcome;
    /** A {@link RunReason} value, e.g. GateFailed, FixtureNotFound, SqlError. */
    private String reason;

    private String message;
    private String datasetVersion;
    private long totalRows;
    private List<TableRows> tables = new ArrayList<>();
    private List<GateResult> gates = new ArrayList<>();
    /** The dataset manifest as checked before loading (spec.databases[].dataset), when there is one. */
    private DatasetResult dataset;
    /** What the seed masked; absent when the database masks nothing and declares no PII. */
    private MaskingReport masking;

    /** The result of a seed that could not load {@code database} at all. */
    public static SeedResult error(String database, RunReason reason, String message) {
        SeedResult result = new SeedResult();
        result.setDatabase(database);
        return result.end(Outcome.ERROR, reason, message);
    }

    /** Sets the verdict: outcome, reason and message together. */
    public SeedResult end(Outcome outcome, RunReason reason, String message) {
        return end(outcome, reason.value(), message);
    }

    /** As {@link #end(Outcome, RunReason, String)}, for a reason handed on as text (a seed step's). */
    public SeedResult end(Outcome outcome, String reason, String message) {
        this.outcome = outcome;
        this.reason = reason;
        this.message = message;
        return this;
    }

    public int getSchemaVersion() {
        return schemaVersion;
    }

    public void setSchemaVersion(int schemaVersion) {
        this.schemaVersion = schemaVersion;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public void setOutcome(Outcome outcome) {
        this.outcome = outcome;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getDatasetVersion() {
        return datasetVersion;
    }

    public void setDatasetVersion(String datasetVersion) {
        this.datasetVersion = datasetVersion;
    }

    public long getTotalRows() {
        return totalRows;
    }

    public void setTotalRows(long totalRows) {
        this.totalRows = totalRows;
    }

    public List<TableRows> getTables() {
        return tables;
    }

    public void setTables(List<TableRows> tables) {
        this.tables = tables == null ? new ArrayList<>() : tables;
    }

    public List<GateResult> getGates() {
        return gates;
    }

    public void setGates(List<GateResult> gates) {
        this.gates = gates == null ? new ArrayList<>() : gates;
    }

    public DatasetResult getDataset() {
        return dataset;
    }

    public void setDataset(DatasetResult dataset) {
        this.dataset = dataset;
    }

    public MaskingReport getMasking() {
        return masking;
    }

    public void setMasking(MaskingReport masking) {
        this.masking = masking;
    }

    public record TableRows(String table, long rows) {}

    /**
     * One gate's result. {@code type} is a {@code GateTypes} value; {@code observed} and {@code expected} the measured
     * value and the bound as short text; {@code database} names the database in a runner result (a seed result is of
     * one database).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GateResult(
            String name,
            boolean passed,
            String message,
            String type,
            String observed,
            String expected,
            String database) {

        public GateResult(String name, boolean passed, String message) {
            this(name, passed, message, null, null, null, null);
        }

        public GateResult(String name, boolean passed, String message, String type, String observed, String expected) {
            this(name, passed, message, type, observed, expected, null);
        }

        public GateResult withDatabase(String database) {
            return new GateResult(name, passed, message, type, observed, expected, database);
        }

        public GateResult withName(String name) {
            return new GateResult(name, passed, message, type, observed, expected, database);
        }
    }

    /**
     * The dataset manifest a seed checked: its version, where it was read, its SHA-256, how many files it lists, the
     * app and migration versions it expects, and the drift found (null when none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatasetResult(
            String version,
            String manifest,
            String manifestSha256,
            int files,
            String appVersion,
            String migrationVersion,
            String drift) {

        public DatasetResult withDrift(String drift) {
            return new DatasetResult(version, manifest, manifestSha256, files, appVersion, migrationVersion, drift);
        }
    }

    /**
     * Masking coverage of one database. key: {@code Private} (SIT_MASK_KEY set, from maskingKeySecretRef in a
     * cluster) or {@code Default} (the public project key); never the key itself. declared: the PII columns declared;
     * masked: every column masked (table.column, declared or not); unmasked: declared PII columns nothing masks.
     */
    public record MaskingReport(String key, List<String> declared, List<String> masked, List<String> unmasked) {
        public static final String KEY_PRIVATE = "Private";
        public static final String KEY_DEFAULT = "Default";

        public MaskingReport {
            declared = declared == null ? List.of() : List.copyOf(declared);
            masked = masked == null ? List.of() : List.copyOf(masked);
            unmasked = unmasked == null ? List.of() : List.copyOf(unmasked);
        }
    }
}
