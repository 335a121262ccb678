package io.dataops.sit.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dataops.sit.api.v1alpha1.spec.AwsSpec;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.ConcurrencySpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.EvidenceSpec;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencySpec;
import io.dataops.sit.api.v1alpha1.spec.IsolationSpec;
import io.dataops.sit.api.v1alpha1.spec.PhaseTimeouts;
import io.dataops.sit.api.v1alpha1.spec.PlacementSpec;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.spec.SchemaRegistrySpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.aws) || !has(self.systems) || self.systems.all(s, !has(s.aws) || !s.aws)",
        message = "systems[].aws needs spec.aws (the credentials a system opts in to)",
        fieldPath = ".systems")
@ValidationRule(
        value = "!has(self.keepOnFailureFor) || (has(self.keepOnFailure) && self.keepOnFailure)",
        message = "keepOnFailureFor only applies when keepOnFailure is true",
        fieldPath = ".keepOnFailureFor")
@ValidationRule(
        value = "!has(self.imageConsistency) || !has(self.systems) || self.systems.all(s, has(s.revision) "
                + "|| (has(self.imageConsistency.systems) && !(s.name in self.imageConsistency.systems)))",
        message = "every system spec.imageConsistency covers needs a revision (systems[].revision)",
        fieldPath = ".systems")
@ValidationRule(
        value = "!has(self.imageConsistency) || !has(self.imageConsistency.systems) || "
                + "self.imageConsistency.systems.all(n, has(self.systems) && self.systems.exists(s, s.name == n))",
        message = "imageConsistency.systems names a system that spec.systems does not have",
        fieldPath = ".imageConsistency.systems")
@ValidationRule(
        value = "!has(self.schemaRegistry) || !has(self.schemaRegistry.enabled) || !self.schemaRegistry.enabled"
                + " || (has(self.brokers) && size(self.brokers) > 0)",
        message = "schemaRegistry needs at least one broker in spec.brokers (its clients are Kafka serializers)",
        fieldPath = ".schemaRegistry")
public class SitRunSpec {

    /**
     * A Go-style duration of at most four parts of at most nine digits each (e.g. 1h30m): bounded, so that
     * no value the schema accepts overflows when the operator adds it to a start time.
     */
    public static final String DURATION_PATTERN = "^([0-9]{1,9}(ms|s|m|h)){1,4}$";
    /** The longest duration anywhere in the spec, 3660 days: the operator's GoDuration.MAX. */
    public static final String DURATION_MAX = "87840h";

    public static final String DURATION_MAX_RULE = "duration(self) <= duration('" + DURATION_MAX + "')";
    public static final String DURATION_MAX_MESSAGE = "durations are at most " + DURATION_MAX + " (3660 days)";
    public static final String DEFAULT_TIMEOUT = "30m";

    @JsonPropertyDescription("Maximum duration of the whole run, as a Go-style duration (e.g. 30m, 1h30m). "
            + "Past it the run ends as Failed (tests started) or Error (environment not ready) with reason Timeout, "
            + "and its Jobs are stopped. Default 30m. Above the operator's maximum (sit.timeout.max, default 2h) the "
            + "run ends in Error with reason TimeoutAboveLimit before anything is created.")
    @Pattern(DURATION_PATTERN)
    @Size(max = 44)
    @ValidationRule(value = DURATION_MAX_RULE, message = DURATION_MAX_MESSAGE)
    private String timeout;

    @JsonPropertyDescription("Optional per-phase time limits; each defaults to a share of the run timeout.")
    private PhaseTimeouts phaseTimeouts;

    @JsonPropertyDescription("Seconds after the run ended (Succeeded, Failed or Error) after which the run's namespace "
            + "is deleted; 0 deletes it right away. Unset keeps the namespace until the SitRun is deleted, but at "
            + "most the operator's maximum keep time (sit.cleanup.max-keep, default 7 days), which also caps this "
            + "value and keepOnFailureFor. A failed run with keepOnFailure is kept for keepOnFailureFor instead. "
            + "The run's systems are scaled to 0 when it ends.")
    @Min(0)
    @Max(2592000)
    private Long ttlSecondsAfterFinished;

    @JsonPropertyDescription("Keep the namespace of a Failed or Error run for debugging instead of applying "
            + "ttlSecondsAfterFinished. The kept namespace is still deleted after keepOnFailureFor "
            + "(bounded by the operator's maximum keep time, sit.cleanup.max-keep) and when the SitRun is deleted. "
            + "Its systems are scaled to 0 when the run ends; brokers and databases stay for inspection.")
    private Boolean keepOnFailure;

    @JsonPropertyDescription("How long a failed run's namespace is kept when keepOnFailure is true, as a duration "
            + "(default 24h). The operator caps it at its configured maximum (sit.cleanup.max-keep, default 7 days).")
    @Pattern(DURATION_PATTERN)
    @Size(max = 44)
    @ValidationRule(value = DURATION_MAX_RULE, message = DURATION_MAX_MESSAGE)
    private String keepOnFailureFor;

    @JsonPropertyDescription("Change this value to deliberately start a fresh run of a SitRun that already ended "
            + "(for example a commit SHA or a timestamp). Other spec changes after the end are reported in the "
            + "SpecChangedAfterFinish condition, never silently run again.")
    @Size(max = 63)
    private String rerunToken;

    @JsonPropertyDescription("Kafka brokers (and their topics) to provision in the run's namespace.")
    @Size(max = 8)
    @ValidationRule(
            value = "self.all(b, self.exists_one(o, o.name == b.name))",
            message = "broker names must be unique")
    private List<BrokerSpec> brokers = new ArrayList<>();

    @JsonPropertyDescription("PostgreSQL databases to provision, seed with fixtures and check with data-quality gates.")
    @Size(max = 8)
    @ValidationRule(
            value = "self.all(d, self.exists_one(o, o.name == d.name))",
            message = "database names must be unique")
    private List<DatabaseSpec> databases = new ArrayList<>();

    @JsonPropertyDescription("The systems under test, each deployed into the run's namespace as a Deployment "
            + "(plus a Service when ports are given), with broker and database settings injected as environment.")
    @Size(max = 32)
    @ValidationRule(
            value = "self.all(s, self.exists_one(o, o.name == s.name))",
            message = "system names must be unique")
    private List<SystemSpec> systems = new ArrayList<>();

    @JsonPropertyDescription("The rule that the systems under test come from one build: each covered system declares "
            + "its revision, and the image digests its pods run (status.systems[].imageDigests) must agree; policy Fail "
            + "ends the run (reason ImagesFromDifferentBuilds), Warn only reports (condition ImagesConsistent). "
            + "Digest pinning itself is the operator admin's fence (sit.images.require-digest).")
    private ImageConsistencySpec imageConsistency;

    @JsonPropertyDescription("An optional Schema Registry for the run's brokers, reachable the way Confluent's "
            + "serializers expect (URL in SCHEMA_REGISTRY_URL).")
    private SchemaRegistrySpec schemaRegistry;

    @JsonPropertyDescription("Optional short-lived AWS credentials for the run, obtained by the operator with STS "
            + "and placed in a Secret in the run's namespace.")
    private AwsSpec aws;

    @JsonPropertyDescription("The test runner: image and the ConfigMap holding the Gherkin features and fixtures.")
    @Required
    private RunnerSpec runner;

    @JsonPropertyDescription("Isolation of the run's namespace: network policy, resource quota and container defaults.")
    private IsolationSpec isolation;

    @JsonPropertyDescription("Where every pod of the run may be scheduled (nodeSelector, tolerations), merged with the "
            + "operator's default placement.")
    private PlacementSpec placement;

    @JsonPropertyDescription(
            "When the run's evidence bundle is captured (default OnFailure). Reports are published " + "for every run.")
    private EvidenceSpec evidence;

    @JsonPropertyDescription(
            "A concurrency group: one active run per group (newer runs wait, or cancel the older one), "
                    + "and a history limit of finished runs per group.")
    private ConcurrencySpec concurrency;

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public PhaseTimeouts getPhaseTimeouts() {
        return phaseTimeouts;
    }

    public void setPhaseTimeouts(PhaseTimeouts phaseTimeouts) {
        this.phaseTimeouts = phaseTimeouts;
    }

    public Long getTtlSecondsAfterFinished() {
        return ttlSecondsAfterFinished;
    }

    public void setTtlSecondsAfterFinished(Long ttlSecondsAfterFinished) {
        this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
    }

    public Boolean getKeepOnFailure() {
        return keepOnFailure;
    }

    public void setKeepOnFailure(Boolean keepOnFailure) {
        this.keepOnFailure = keepOnFailure;
    }

    public boolean keepsFailures() {
        return Boolean.TRUE.equals(keepOnFailure);
    }

    public String getKeepOnFailureFor() {
        return keepOnFailureFor;
    }

    public void setKeepOnFailureFor(String keepOnFailureFor) {
        this.keepOnFailureFor = keepOnFailureFor;
    }

    public String getRerunToken() {
        return rerunToken;
    }

    public void setRerunToken(String rerunToken) {
        this.rerunToken = rerunToken;
    }

    public List<BrokerSpec> getBrokers() {
        return brokers;
    }

    public void setBrokers(List<BrokerSpec> brokers) {
        this.brokers = brokers == null ? new ArrayList<>() : brokers;
    }

    public List<DatabaseSpec> getDatabases() {
        return databases;
    }

    public void setDatabases(List<DatabaseSpec> databases) {
        this.databases = databases == null ? new ArrayList<>() : databases;
    }

    public List<SystemSpec> getSystems() {
        return systems;
    }

    public void setSystems(List<SystemSpec> systems) {
        this.systems = systems == null ? new ArrayList<>() : systems;
    }

    public ImageConsistencySpec getImageConsistency() {
        return imageConsistency;
    }

    public void setImageConsistency(ImageConsistencySpec imageConsistency) {
        this.imageConsistency = imageConsistency;
    }

    public SchemaRegistrySpec getSchemaRegistry() {
        return schemaRegistry;
    }

    public void setSchemaRegistry(SchemaRegistrySpec schemaRegistry) {
        this.schemaRegistry = schemaRegistry;
    }

    /** True when the run asks for a Schema Registry. */
    public boolean schemaRegistryEnabled() {
        return SchemaRegistrySpec.enabled(schemaRegistry);
    }

    public AwsSpec getAws() {
        return aws;
    }

    public void setAws(AwsSpec aws) {
        this.aws = aws;
    }

    public RunnerSpec getRunner() {
        return runner;
    }

    public void setRunner(RunnerSpec runner) {
        this.runner = runner;
    }

    public PlacementSpec getPlacement() {
        return placement;
    }

    public void setPlacement(PlacementSpec placement) {
        this.placement = placement;
    }

    public EvidenceSpec getEvidence() {
        return evidence;
    }

    public void setEvidence(EvidenceSpec evidence) {
        this.evidence = evidence;
    }

    public ConcurrencySpec getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(ConcurrencySpec concurrency) {
        this.concurrency = concurrency;
    }

    public IsolationSpec getIsolation() {
        return isolation;
    }

    public void setIsolation(IsolationSpec isolation) {
        this.isolation = isolation;
    }
}
