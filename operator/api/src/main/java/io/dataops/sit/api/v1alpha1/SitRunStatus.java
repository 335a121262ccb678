package io.dataops.sit.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dataops.sit.api.v1alpha1.status.AwsStatus;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.api.v1alpha1.status.CleanupStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.api.v1alpha1.status.EvidenceStatus;
import io.dataops.sit.api.v1alpha1.status.NotIsolatedStatus;
import io.dataops.sit.api.v1alpha1.status.ReportStatus;
import io.dataops.sit.api.v1alpha1.status.ResultsStatus;
import io.dataops.sit.api.v1alpha1.status.RunnerStatus;
import io.dataops.sit.api.v1alpha1.status.SystemStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.sundr.builder.annotations.Buildable;
import io.sundr.builder.annotations.BuildableReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(
        editableEnabled = false,
        builderPackage = "io.fabric8.kubernetes.api.builder",
        refs = @BuildableReference(Condition.class))
public class SitRunStatus {

    @JsonPropertyDescription(
            "Queued (waiting for a slot or an older run of its group), Pending, Provisioning, Seeding, "
                    + "Testing, then Succeeded (every threshold passed), Failed (tests ran, something failed), Error (environment "
                    + "could not be built, bad input, timeout) or Cancelled (superseded by a newer run of its group).")
    private Phase phase;

    @JsonPropertyDescription("While Queued: 1 for the run that starts next (the QUEUE column); absent otherwise.")
    private Integer queuePosition;

    @JsonPropertyDescription("When the run entered the queue (RFC 3339). Queued time counts toward no timeout: the run "
            + "timeout and the first phase timeout start at startTime, when the run leaves the queue.")
    private String queuedSince;

    @JsonPropertyDescription(
            "Machine-readable reason of the current phase (e.g. Timeout, ConfigMapNotFound, ThresholdsFailed).")
    private String reason;

    @JsonPropertyDescription("Human-readable explanation of the current phase.")
    private String message;

    @JsonPropertyDescription("The namespace the run's environment lives in.")
    private String namespace;

    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("The generation the current run started from; a later spec change is reported, not run.")
    private Long runGeneration;

    @JsonPropertyDescription("The rerunToken the current run started with.")
    private String rerunToken;

    @JsonPropertyDescription("When the run started (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the current phase started (RFC 3339); phase timeouts count from here.")
    private String phaseStartTime;

    @JsonPropertyDescription("When the run ended (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("How long the run took, from startTime to completionTime, e.g. 4m12s. Set when the run "
            + "ends; absent while it runs (startTime says since when) and for a run cancelled while queued.")
    private String duration;

    @JsonPropertyDescription("Each broker: bootstrap address and readiness.")
    private List<BrokerStatus> brokers = new ArrayList<>();

    @JsonPropertyDescription("Each database: address, credentials Secret, seeded rows and readiness.")
    private List<DatabaseStatus> databases = new ArrayList<>();

    @JsonPropertyDescription("What of the environment is not the run's own: each external broker or database "
            + "(spec.brokers[].external, spec.databases[].external), what is shared there and what the run leaves "
            + "behind. Absent when everything was provisioned for the run.")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<NotIsolatedStatus> notIsolated = new ArrayList<>();

    @JsonPropertyDescription("Each system under test: readiness and the image digests its pods ran.")
    private List<SystemStatus> systems = new ArrayList<>();

    @JsonPropertyDescription("The runner Job's image and the digest its pod ran.")
    private RunnerStatus runner;

    @JsonPropertyDescription("The STS credentials Secret, when spec.aws is set.")
    private AwsStatus aws;

    @JsonPropertyDescription("Scenario counts and every threshold result reported by the runner.")
    private ResultsStatus results;

    @JsonPropertyDescription("Where the runner's reports (JUnit XML, JSON result, HTML) are kept once the run ended: "
            + "a ConfigMap next to the SitRun that lives as long as the SitRun.")
    private ReportStatus report;

    @JsonPropertyDescription("Where the evidence bundle captured at the end of the run is kept (spec.evidence.when).")
    private EvidenceStatus evidence;

    @JsonPropertyDescription("What happens to the run's namespace after the end.")
    private CleanupStatus cleanup;

    @JsonPropertyDescription("Ready (environment provisioned), Finished (run ended, whatever the outcome), "
            + "Succeeded (Unknown while running, then True or False), SpecChangedAfterFinish, DefaultMaskingKey, "
            + "ImagesConsistent (with spec.imageConsistency).")
    private List<Condition> conditions = new ArrayList<>();

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public Integer getQueuePosition() {
        return queuePosition;
    }

    public void setQueuePosition(Integer queuePosition) {
        this.queuePosition = queuePosition;
    }

    public String getQueuedSince() {
        return queuedSince;
    }

    public void setQueuedSince(String queuedSince) {
        this.queuedSince = queuedSince;
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

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Long getRunGeneration() {
        return runGeneration;
    }

    public void setRunGeneration(Long runGeneration) {
        this.runGeneration = runGeneration;
    }

    public String getRerunToken() {
        return rerunToken;
    }

    public void setRerunToken(String rerunToken) {
        this.rerunToken = rerunToken;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getPhaseStartTime() {
        return phaseStartTime;
    }

    public void setPhaseStartTime(String phaseStartTime) {
        this.phaseStartTime = phaseStartTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public List<BrokerStatus> getBrokers() {
        return brokers;
    }

    public void setBrokers(List<BrokerStatus> brokers) {
        this.brokers = brokers == null ? new ArrayList<>() : brokers;
    }

    public List<NotIsolatedStatus> getNotIsolated() {
        return notIsolated;
    }

    public void setNotIsolated(List<NotIsolatedStatus> notIsolated) {
        this.notIsolated = notIsolated == null ? new ArrayList<>() : notIsolated;
    }

    public List<DatabaseStatus> getDatabases() {
        return databases;
    }

    public void setDatabases(List<DatabaseStatus> databases) {
        this.databases = databases == null ? new ArrayList<>() : databases;
    }

    public List<SystemStatus> getSystems() {
        return systems;
    }

    public void setSystems(List<SystemStatus> systems) {
        this.systems = systems == null ? new ArrayList<>() : systems;
    }

    public RunnerStatus getRunner() {
        return runner;
    }

    public void setRunner(RunnerStatus runner) {
        this.runner = runner;
    }

    public AwsStatus getAws() {
        return aws;
    }

    public void setAws(AwsStatus aws) {
        this.aws = aws;
    }

    public ResultsStatus getResults() {
        return results;
    }

    public void setResults(ResultsStatus results) {
        this.results = results;
    }

    public ReportStatus getReport() {
        return report;
    }

    public void setReport(ReportStatus report) {
        this.report = report;
    }

    public EvidenceStatus getEvidence() {
        return evidence;
    }

    public void setEvidence(EvidenceStatus evidence) {
        this.evidence = evidence;
    }

    public CleanupStatus getCleanup() {
        return cleanup;
    }

    public void setCleanup(CleanupStatus cleanup) {
        this.cleanup = cleanup;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    /** Derived from phase; not a status field (without JsonIgnore it leaked into the CRD as status.terminal). */
    @JsonIgnore
    public boolean isTerminal() {
        return phase != null && phase.isTerminal();
    }

    public Condition condition(String type) {
        return conditions.stream()
                .filter(c -> Objects.equals(type, c.getType()))
                .findFirst()
                .orElse(null);
    }
}
