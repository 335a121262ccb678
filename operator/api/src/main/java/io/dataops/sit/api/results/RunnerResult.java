package io.dataops.sit.api.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataops.sit.api.RunReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the runner hands back: written as JSON under {@code RunContract.RUNNER_RESULT_KEY} of the
 * results ConfigMap, and by {@code ./sit run --json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RunnerResult {

    public static final int SCHEMA_VERSION = 1;

    private int schemaVersion = SCHEMA_VERSION;
    private Outcome outcome;
    /** Machine-readable reason: a {@link RunReason} value from the stock runner (a custom runner may add its own). */
    private String reason;

    private String message;
    private ScenarioCounts scenarios = new ScenarioCounts();
    private List<ThresholdResult> thresholds = new ArrayList<>();
    private List<ScenarioResult> scenarioResults = new ArrayList<>();
    /**
     * Gates the runner checked before the scenarios (across databases), each naming its database; local mode adds the
     * seeds' gates too.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<SeedResult.GateResult> gates = new ArrayList<>();

    private String startedAt;
    private String finishedAt;

    /** A result that ended as an Error before any scenario ran, now (started and finished at the same instant). */
    public static RunnerResult error(RunReason reason, String message) {
        return error(reason.value(), message);
    }

    /** As {@link #error(RunReason, String)}, for a reason outside the status vocabulary (local mode's own). */
    public static RunnerResult error(String reason, String message) {
        RunnerResult result = new RunnerResult();
        result.setStartedAt(Instant.now().toString());
        result.setFinishedAt(result.getStartedAt());
        return result.end(Outcome.ERROR, reason, message);
    }

    /** Sets the verdict: outcome, reason and message together, so none is left over from an earlier one. */
    public RunnerResult end(Outcome outcome, RunReason reason, String message) {
        return end(outcome, reason.value(), message);
    }

    /** As {@link #end(Outcome, RunReason, String)}, for a reason a step or a custom runner supplies. */
    public RunnerResult end(Outcome outcome, String reason, String message) {
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

    public ScenarioCounts getScenarios() {
        return scenarios;
    }

    public void setScenarios(ScenarioCounts scenarios) {
        this.scenarios = scenarios;
    }

    public List<ThresholdResult> getThresholds() {
        return thresholds;
    }

    public void setThresholds(List<ThresholdResult> thresholds) {
        this.thresholds = thresholds == null ? new ArrayList<>() : thresholds;
    }

    public List<SeedResult.GateResult> getGates() {
        return gates;
    }

    public void setGates(List<SeedResult.GateResult> gates) {
        this.gates = gates == null ? new ArrayList<>() : gates;
    }

    public List<ScenarioResult> getScenarioResults() {
        return scenarioResults;
    }

    public void setScenarioResults(List<ScenarioResult> scenarioResults) {
        this.scenarioResults = scenarioResults == null ? new ArrayList<>() : scenarioResults;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }
}
