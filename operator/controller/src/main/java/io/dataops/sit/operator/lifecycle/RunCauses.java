package io.dataops.sit.operator.lifecycle;

import io.dataops.sit.api.v1alpha1.Phase;
import java.util.Locale;
import java.util.Map;

/**
 * The cause tag of sit_runs_total: which side an ended run's outcome points at, so an on-call person sees at a glance
 * whether the platform (infrastructure), the run's data (fixtures, seeds, gates) or the tests themselves failed. A
 * closed mapping from {@link RunReasons#KNOWN} (RunCausesTest fails when a reason is left out); README.md, "Metrics",
 * has the same table.
 */
public final class RunCauses {

    /** The closed set of cause values. */
    public enum Cause {
        /** The run succeeded (and the reasons that never end a run: the queue's). */
        NONE,
        /**
         * The environment could not be built or kept usable: the cluster or platform (images, pods, Kafka, STS, the
         * runner/operator contract), or the admin's fence refusing the spec before anything was built.
         */
        INFRASTRUCTURE,
        /** The run's data: fixtures missing or unreadable, seeds failing, data-quality gates, CSV/schema errors. */
        DATA,
        /** The scenarios ran (or could not be parsed) and failed: the tests' own verdict. */
        TEST,
        /** The run was stopped on purpose (a newer run of its concurrency group superseded it). */
        CANCELLED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Every known reason's cause. Timeout is special-cased in {@link #of}: a run that timed out while Testing failed
     * its tests (outcome Failed), one that never got that far is an environment problem (outcome Error).
     */
    static final Map<String, Cause> BY_REASON = Map.ofEntries(
            Map.entry("AllPassed", Cause.NONE),
            // the scenarios' verdict
            Map.entry("ThresholdsFailed", Cause.TEST),
            Map.entry("ScenarioFailed", Cause.TEST),
            Map.entry("NoScenarios", Cause.TEST),
            Map.entry("FeatureParseError", Cause.TEST),
            Map.entry("JobNotFound", Cause.TEST),              // a step names a Job the feature expects to exist
            Map.entry("ResultTooLarge", Cause.TEST),           // the suite wrote more than a result may hold
            Map.entry("Timeout", Cause.TEST),                  // outcome Failed; outcome Error: see of()
            Map.entry(RunReasons.OTHER, Cause.TEST),           // only a (custom) runner writes unknown reasons
            // the run's data
            Map.entry("GateFailed", Cause.DATA),
            Map.entry("SeedFailed", Cause.DATA),
            Map.entry("SqlError", Cause.DATA),                 // a seed step's SQL
            Map.entry("BadSpec", Cause.DATA),                  // a seed step without sql/csv, a bad table/column name
            Map.entry("BadCsv", Cause.DATA),
            Map.entry("BadInput", Cause.DATA),                 // an unreadable fixture record or seed input
            Map.entry("SchemaMismatch", Cause.DATA),           // a fixture record against its schema
            Map.entry("FixtureNotFound", Cause.DATA),
            Map.entry("FixtureUnreadable", Cause.DATA),
            Map.entry("ConfigMapNotFound", Cause.DATA),        // the referenced ConfigMaps hold features and fixtures
            Map.entry("MaskingKeyMissing", Cause.DATA),
            // the environment: platform failures
            Map.entry("NoResult", Cause.INFRASTRUCTURE),       // a Job ended without a result: killed, evicted, OOM
            Map.entry("MalformedResult", Cause.INFRASTRUCTURE),// runner and operator disagree on the result format
            Map.entry("RunnerFailed", Cause.INFRASTRUCTURE),   // reported Passed, then its pod failed
            Map.entry("RunnerError", Cause.INFRASTRUCTURE),    // the scenario engine itself failed
            Map.entry("NamespaceConflict", Cause.INFRASTRUCTURE),
            Map.entry("KafkaRejected", Cause.INFRASTRUCTURE),
            Map.entry("TopicCreationFailed", Cause.INFRASTRUCTURE),
            Map.entry("StrimziNotInstalled", Cause.INFRASTRUCTURE),
            Map.entry("BrokerUnreachable", Cause.INFRASTRUCTURE),
            Map.entry("DatabaseUnreachable", Cause.INFRASTRUCTURE),
            Map.entry("ImagePullFailed", Cause.INFRASTRUCTURE),
            Map.entry("PodCreationFailed", Cause.INFRASTRUCTURE),
            Map.entry("ContainerRunsAsRoot", Cause.INFRASTRUCTURE),
            Map.entry("AssumeRoleFailed", Cause.INFRASTRUCTURE),
            Map.entry("StsUnavailable", Cause.INFRASTRUCTURE),
            Map.entry("WebIdentityTokenUnreadable", Cause.INFRASTRUCTURE),
            Map.entry("SecretNotFound", Cause.INFRASTRUCTURE),
            Map.entry("SecretKeyNotFound", Cause.INFRASTRUCTURE),
            Map.entry("SecretNotReadable", Cause.INFRASTRUCTURE),
            // the environment: the admin's fence refused the spec, nothing was built
            Map.entry("AwsRoleNotAllowed", Cause.INFRASTRUCTURE),
            Map.entry("AwsForSystemsNotAllowed", Cause.INFRASTRUCTURE),
            Map.entry("ReservedName", Cause.INFRASTRUCTURE),
            Map.entry("QuotaAboveLimit", Cause.INFRASTRUCTURE),
            Map.entry("ResourcesAboveLimit", Cause.INFRASTRUCTURE),
            Map.entry("TimeoutAboveLimit", Cause.INFRASTRUCTURE),
            Map.entry("NetworkPolicyRequired", Cause.INFRASTRUCTURE),
            Map.entry("EgressNotAllowed", Cause.INFRASTRUCTURE),
            Map.entry("ImageNotAllowed", Cause.INFRASTRUCTURE),
            Map.entry("EnvNotAllowed", Cause.INFRASTRUCTURE),
            Map.entry("InvalidSpec", Cause.INFRASTRUCTURE),
            Map.entry("ReferencesTooLarge", Cause.INFRASTRUCTURE),
            Map.entry("TooManyReferences", Cause.INFRASTRUCTURE),
            // the queue
            Map.entry("Superseded", Cause.CANCELLED),
            Map.entry("ConcurrencyLimit", Cause.NONE),         // these three explain a Queued run, which has not ended
            Map.entry("NamespaceConcurrencyLimit", Cause.NONE),
            Map.entry("WaitingForGroup", Cause.NONE));

    private RunCauses() {
    }

    /**
     * The cause of a run that ended with this outcome and reason. The outcome decides first: Succeeded is none,
     * Cancelled is cancelled, whatever the reason says.
     */
    public static Cause of(Phase outcome, String reason) {
        if (outcome == Phase.SUCCEEDED) {
            return Cause.NONE;
        }
        if (outcome == Phase.CANCELLED) {
            return Cause.CANCELLED;
        }
        String known = RunReasons.forMetric(reason);
        if ("Timeout".equals(known) && outcome != Phase.FAILED) {
            // Error: the environment was never ready in time (SitRunStatusAggregator#timeout).
            return Cause.INFRASTRUCTURE;
        }
        Cause cause = BY_REASON.getOrDefault(known, Cause.TEST);
        // A reason that only means success cannot explain a failed run: the runner said AllPassed with outcome Failed.
        return cause == Cause.NONE ? Cause.TEST : cause;
    }
}
