package io.dataops.sit.operator.lifecycle;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Status reasons, some of which come from the runner (a tenant-chosen image can write anything into its result):
 * the metric tag takes only the known ones ({@link #OTHER} for the rest, so a runner cannot grow the metric's
 * cardinality without bound), and status takes a runner reason only when it has the shape of one.
 */
public final class RunReasons {

    public static final String OTHER = "Other";
    /** CamelCase, as Kubernetes condition reasons are, at most 64 characters. */
    static final Pattern SHAPE = Pattern.compile("^[A-Z][A-Za-z0-9]{0,63}$");

    /** Reasons this operator and the stock runner write for an ended run; anything else is tagged Other. */
    static final Set<String> KNOWN = Set.of(
            // the operator
            "AllPassed", "ThresholdsFailed", "Timeout", "NoResult", "GateFailed", "NamespaceConflict",
            "MalformedResult", "ResultTooLarge", "RunnerFailed", "RunnerError", "SeedFailed", "KafkaRejected",
            "TopicCreationFailed", "StrimziNotInstalled", "ConfigMapNotFound", "ImagePullFailed", "PodCreationFailed",
            "ContainerRunsAsRoot", "AssumeRoleFailed", "StsUnavailable", "WebIdentityTokenUnreadable",
            "AwsRoleNotAllowed", "AwsForSystemsNotAllowed", "SecretNotFound", "SecretKeyNotFound",
            "ReservedName", "MaskingKeyMissing", "QuotaAboveLimit", "ResourcesAboveLimit", "TimeoutAboveLimit",
            "NetworkPolicyRequired", "EgressNotAllowed", "ImageNotAllowed", "EnvNotAllowed", "InvalidSpec",
            "ReferencesTooLarge", "TooManyReferences", "SecretNotReadable",
            // the runner
            "ScenarioFailed", "NoScenarios", "FeatureParseError", "FixtureNotFound", "FixtureUnreadable",
            "SchemaMismatch", "BrokerUnreachable", "DatabaseUnreachable", "BadInput", "JobNotFound", "SqlError",
            "BadSpec", "BadCsv",
            // the queue: the first three only ever explain a Queued run, Superseded ends one as Cancelled
            "ConcurrencyLimit", "NamespaceConcurrencyLimit", "WaitingForGroup", "Superseded");

    private RunReasons() {
    }

    /** The reason as a metric tag: a known reason, or Other. */
    public static String forMetric(String reason) {
        return reason != null && KNOWN.contains(reason) ? reason : OTHER;
    }

    /** A runner-supplied reason for status when it looks like a reason, else the fallback. */
    public static String forStatus(String reason, String fallback) {
        return reason != null && SHAPE.matcher(reason).matches() ? reason : fallback;
    }
}
