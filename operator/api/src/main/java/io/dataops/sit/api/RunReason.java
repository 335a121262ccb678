package io.dataops.sit.api;

import static io.dataops.sit.api.RunCause.CANCELLED;
import static io.dataops.sit.api.RunCause.DATA;
import static io.dataops.sit.api.RunCause.INFRASTRUCTURE;
import static io.dataops.sit.api.RunCause.NONE;
import static io.dataops.sit.api.RunCause.TEST;

import io.dataops.sit.api.v1alpha1.Phase;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code status.reason} the operator and the stock runner write: the public vocabulary users script against.
 * Each reason says which phase it explains — {@code Error} (the environment could not be built, or the input is bad),
 * {@code Failed} (the tests ran and did not pass), {@code Succeeded}, a {@code Queued} run's wait or a
 * {@code Cancelled} run's stop — and which {@link RunCause} it points at. README.md's Phases and Metrics tables list
 * exactly this set (RunReasonTest). A custom runner may write reasons of its own; they are not in this set.
 */
public enum RunReason {
    // Succeeded
    /** Every scenario and threshold passed. */
    ALL_PASSED("AllPassed", NONE, Phase.SUCCEEDED),

    // Failed: the tests ran and did not pass
    /** At least one threshold missed its bound (status.results.thresholds). */
    THRESHOLDS_FAILED("ThresholdsFailed", TEST, Phase.FAILED),
    /** At least one scenario failed. */
    SCENARIO_FAILED("ScenarioFailed", TEST, Phase.FAILED),
    /**
     * spec.timeout or a phase timeout ran out: Failed while Testing (the tests' verdict), Error before (the
     * environment was never ready in time).
     */
    TIMEOUT("Timeout", TEST, Phase.FAILED, Phase.ERROR),

    // Error, the tests' side: the suite could not be run as written
    /** No feature file, or no scenario matches the tags. */
    NO_SCENARIOS("NoScenarios", TEST, Phase.ERROR),
    /** A feature cannot be parsed or names an unknown step. */
    FEATURE_PARSE_ERROR("FeatureParseError", TEST, Phase.ERROR),
    /** A step names a Job the feature expects to exist. */
    JOB_NOT_FOUND("JobNotFound", TEST, Phase.ERROR),
    /** The suite wrote more than a result may hold. */
    RESULT_TOO_LARGE("ResultTooLarge", TEST, Phase.ERROR),
    /**
     * spec.runner.steps cannot be loaded: the jar's ConfigMap key is missing or not a jar, its glue package holds no
     * class or is the runner's own, or a user step duplicates another step definition.
     */
    USER_STEPS_INVALID("UserStepsInvalid", TEST, Phase.ERROR),

    // Error, the run's data
    /** A data-quality gate of a seed failed (the message names it). */
    GATE_FAILED("GateFailed", DATA, Phase.ERROR),
    /**
     * The dataset differs from its manifest: a file's checksum, a file the manifest does not list, or a datasetVersion
     * other than the manifest's (checked before any row is loaded).
     */
    DATASET_DRIFT("DatasetDrift", DATA, Phase.ERROR),
    /** A seed Job failed without a more precise reason. */
    SEED_FAILED("SeedFailed", DATA, Phase.ERROR),
    /** A seed step's SQL failed (rolled back). */
    SQL_ERROR("SqlError", DATA, Phase.ERROR),
    /** A seed step without sql/csv, or a bad table/column name. */
    BAD_SPEC("BadSpec", DATA, Phase.ERROR),
    /** A seed CSV that cannot be loaded as declared. */
    BAD_CSV("BadCsv", DATA, Phase.ERROR),
    /** Unreadable input: a fixture record, a seed input, a tag expression, the SitRun handed to the runner. */
    BAD_INPUT("BadInput", DATA, Phase.ERROR),
    /** A fixture record does not match its schema. */
    SCHEMA_MISMATCH("SchemaMismatch", DATA, Phase.ERROR),
    /** A fixture or the features folder is missing. */
    FIXTURE_NOT_FOUND("FixtureNotFound", DATA, Phase.ERROR),
    /** A fixture cannot be read. */
    FIXTURE_UNREADABLE("FixtureUnreadable", DATA, Phase.ERROR),
    /** A ConfigMap the spec refers to (features, fixtures) does not exist. */
    CONFIG_MAP_NOT_FOUND("ConfigMapNotFound", DATA, Phase.ERROR),
    /** The admin requires a masking key and a database masks CSV columns without one. */
    MASKING_KEY_MISSING("MaskingKeyMissing", DATA, Phase.ERROR),
    /** A column declared PII (masking.pii) would be loaded unmasked: the seed refused to load anything. */
    PII_UNMASKED("PiiUnmasked", DATA, Phase.ERROR),

    // Error, the platform
    /** The runner Job ended without a result: killed, evicted, out of memory. */
    NO_RESULT("NoResult", INFRASTRUCTURE, Phase.ERROR),
    /** Runner and operator disagree on the result format. */
    MALFORMED_RESULT("MalformedResult", INFRASTRUCTURE, Phase.ERROR),
    /** The runner reported Passed, then its pod failed. */
    RUNNER_FAILED("RunnerFailed", INFRASTRUCTURE, Phase.ERROR),
    /** The scenario engine itself failed (or the runner gave no reason). */
    RUNNER_ERROR("RunnerError", INFRASTRUCTURE, Phase.ERROR),
    /** The run namespace exists and was not created by this operator for this run. */
    NAMESPACE_CONFLICT("NamespaceConflict", INFRASTRUCTURE, Phase.ERROR),
    /** Strimzi refuses the Kafka, e.g. a version it does not support. */
    KAFKA_REJECTED("KafkaRejected", INFRASTRUCTURE, Phase.ERROR),
    /** The topics Job failed. */
    TOPIC_CREATION_FAILED("TopicCreationFailed", INFRASTRUCTURE, Phase.ERROR),
    /** The spec asks for a Strimzi Kafka and the cluster has no Strimzi. */
    STRIMZI_NOT_INSTALLED("StrimziNotInstalled", INFRASTRUCTURE, Phase.ERROR),
    /** A step cannot reach the broker. */
    BROKER_UNREACHABLE("BrokerUnreachable", INFRASTRUCTURE, Phase.ERROR),
    /** A step cannot reach the database. */
    DATABASE_UNREACHABLE("DatabaseUnreachable", INFRASTRUCTURE, Phase.ERROR),
    /**
     * spec.imageConsistency with policy Fail: the systems' declared revisions differ, or their pods run images of
     * different digests (the message names the systems and revisions or digests).
     */
    IMAGES_FROM_DIFFERENT_BUILDS("ImagesFromDifferentBuilds", INFRASTRUCTURE, Phase.ERROR),
    /** A step cannot reach the run's Schema Registry, or the run has none (spec.schemaRegistry). */
    SCHEMA_REGISTRY_UNREACHABLE("SchemaRegistryUnreachable", INFRASTRUCTURE, Phase.ERROR),
    /** An image cannot be pulled. */
    IMAGE_PULL_FAILED("ImagePullFailed", INFRASTRUCTURE, Phase.ERROR),
    /** A Job/StatefulSet/Deployment cannot create its pods: Pod Security, quota, LimitRange. */
    POD_CREATION_FAILED("PodCreationFailed", INFRASTRUCTURE, Phase.ERROR),
    /** An image without a numeric non-root USER. */
    CONTAINER_RUNS_AS_ROOT("ContainerRunsAsRoot", INFRASTRUCTURE, Phase.ERROR),
    /** STS refused to assume the run's AWS role. */
    ASSUME_ROLE_FAILED("AssumeRoleFailed", INFRASTRUCTURE, Phase.ERROR),
    /** STS could not be reached. */
    STS_UNAVAILABLE("StsUnavailable", INFRASTRUCTURE, Phase.ERROR),
    /** The operator's web identity token cannot be read. */
    WEB_IDENTITY_TOKEN_UNREADABLE("WebIdentityTokenUnreadable", INFRASTRUCTURE, Phase.ERROR),
    /** A Secret the spec refers to does not exist. */
    SECRET_NOT_FOUND("SecretNotFound", INFRASTRUCTURE, Phase.ERROR),
    /** A Secret the spec refers to lacks the key. */
    SECRET_KEY_NOT_FOUND("SecretKeyNotFound", INFRASTRUCTURE, Phase.ERROR),
    /** The operator may not read a Secret the spec refers to. */
    SECRET_NOT_READABLE("SecretNotReadable", INFRASTRUCTURE, Phase.ERROR),
    /** The API server refused an object built from the spec. */
    INVALID_SPEC("InvalidSpec", INFRASTRUCTURE, Phase.ERROR),

    // Error, the admin's fence refused the spec before anything was created
    /** The AWS role is not mapped to the SitRun's namespace. */
    AWS_ROLE_NOT_ALLOWED("AwsRoleNotAllowed", INFRASTRUCTURE, Phase.ERROR),
    /** AWS credentials for systems under test are not allowed. */
    AWS_FOR_SYSTEMS_NOT_ALLOWED("AwsForSystemsNotAllowed", INFRASTRUCTURE, Phase.ERROR),
    /** A referenced Secret has a name the operator reserves for the run's own Secrets. */
    RESERVED_NAME("ReservedName", INFRASTRUCTURE, Phase.ERROR),
    /** The requested quota is above the admin's cap. */
    QUOTA_ABOVE_LIMIT("QuotaAboveLimit", INFRASTRUCTURE, Phase.ERROR),
    /** A container's resources are above the admin's cap. */
    RESOURCES_ABOVE_LIMIT("ResourcesAboveLimit", INFRASTRUCTURE, Phase.ERROR),
    /** A timeout is above the admin's cap. */
    TIMEOUT_ABOVE_LIMIT("TimeoutAboveLimit", INFRASTRUCTURE, Phase.ERROR),
    /** The spec turns NetworkPolicy off and the admin requires it. */
    NETWORK_POLICY_REQUIRED("NetworkPolicyRequired", INFRASTRUCTURE, Phase.ERROR),
    /** The spec asks for egress the admin does not allow. */
    EGRESS_NOT_ALLOWED("EgressNotAllowed", INFRASTRUCTURE, Phase.ERROR),
    /** An external broker or database (spec.brokers[].external, spec.databases[].external) the admin does not allow. */
    EXTERNAL_ENDPOINT_NOT_ALLOWED("ExternalEndpointNotAllowed", INFRASTRUCTURE, Phase.ERROR),
    /** An image outside the admin's allowed registries. */
    IMAGE_NOT_ALLOWED("ImageNotAllowed", INFRASTRUCTURE, Phase.ERROR),
    /** An environment variable the admin does not allow. */
    ENV_NOT_ALLOWED("EnvNotAllowed", INFRASTRUCTURE, Phase.ERROR),
    /** The spec names user steps (spec.runner.steps) and the admin refuses them (sit.runner.user-steps). */
    USER_STEPS_NOT_ALLOWED("UserStepsNotAllowed", INFRASTRUCTURE, Phase.ERROR),
    /** The spec refers to more distinct ConfigMaps than sit.references.max-configmaps. */
    TOO_MANY_REFERENCES("TooManyReferences", INFRASTRUCTURE, Phase.ERROR),
    /** The referenced ConfigMaps together are larger than sit.references.max-bytes. */
    REFERENCES_TOO_LARGE("ReferencesTooLarge", INFRASTRUCTURE, Phase.ERROR),

    // Queued: why a run waits (never an ended run's reason)
    /** Waiting for a slot under the operator's sit.concurrency.max-active. */
    CONCURRENCY_LIMIT("ConcurrencyLimit", NONE, Phase.QUEUED),
    /** Waiting for a slot under sit.concurrency.max-active-per-namespace. */
    NAMESPACE_CONCURRENCY_LIMIT("NamespaceConcurrencyLimit", NONE, Phase.QUEUED),
    /** Waiting for an older run of its concurrency group. */
    WAITING_FOR_GROUP("WaitingForGroup", NONE, Phase.QUEUED),

    // Cancelled
    /** A newer run of the same concurrency group with policy CancelRunning replaced it. */
    SUPERSEDED("Superseded", CANCELLED, Phase.CANCELLED);

    private static final Map<String, RunReason> BY_VALUE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RunReason::value, Function.identity()));

    private final String value;
    private final RunCause cause;
    private final Set<Phase> phases;

    RunReason(String value, RunCause cause, Phase phase, Phase... morePhases) {
        this.value = value;
        this.cause = cause;
        this.phases = Set.copyOf(EnumSet.of(phase, morePhases));
    }

    /** The string in status.reason, result documents, events and the metric tag. */
    public String value() {
        return value;
    }

    /** The phases this reason explains: Error, Failed, Succeeded, Queued or Cancelled (Timeout: Failed or Error). */
    public Set<Phase> phases() {
        return phases;
    }

    /** The cause of a run that ended with this reason, whatever its outcome. */
    public RunCause cause() {
        return cause;
    }

    /** The cause of a run that ended as {@code outcome} with this reason: only a Timeout depends on it. */
    public RunCause causeWhenEndedAs(Phase outcome) {
        // Error: the environment was never ready in time (SitRunStatusAggregator#timeout).
        return this == TIMEOUT && outcome == Phase.ERROR ? INFRASTRUCTURE : cause;
    }

    public static Optional<RunReason> fromValue(String value) {
        return Optional.ofNullable(value == null ? null : BY_VALUE.get(value));
    }

    @Override
    public String toString() {
        return value;
    }
}
