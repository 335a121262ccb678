package io.dataops.sit.operator.aws;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.AwsSpec;
import io.dataops.sit.operator.GoDuration;
import io.dataops.sit.operator.OperatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What the operator asks STS for on behalf of one run. Everything that identifies the caller (session tags,
 * ExternalId, SourceIdentity) is derived by the operator from the SitRun's namespace and name, never taken from
 * the tenant's spec: a tenant cannot claim another namespace's identity.
 */
public record SessionRequest(
        String roleArn,
        String region,
        String sessionName,
        String externalId,
        String sourceIdentity,
        int durationSeconds,
        Map<String, String> tags) {

    /** STS' lower bound for DurationSeconds. */
    static final int MIN_DURATION_SECONDS = 900;
    /** Role chaining (the operator's own credentials are role credentials) caps sessions at one hour. */
    static final int MAX_DURATION_SECONDS = 3600;

    public static SessionRequest forRun(SitRun run, Instant now, OperatorSettings.SecretsFence fence) {
        AwsSpec aws = run.getSpec().getAws();
        return new SessionRequest(
                aws.getRoleArn(),
                aws.getRegion(),
                AwsNames.sessionName(run),
                AwsNames.externalId(fence.clusterName(), run),
                AwsNames.sourceIdentity(run),
                durationSeconds(run, now),
                AwsNames.sessionTags(run));
    }

    /**
     * sessionDurationSeconds, else the run's timeout, bounded to [900, 3600]; never longer than what is left
     * of the run (but at least STS' minimum of 900). Longer runs get fresh credentials before these expire.
     */
    static int durationSeconds(SitRun run, Instant now) {
        // parseOr: a stored timeout the schema now refuses must not throw on every reconcile.
        Duration timeout = GoDuration.parseOr(timeoutOf(run.getSpec()), GoDuration.parse(SitRunSpec.DEFAULT_TIMEOUT));
        Integer requested = run.getSpec().getAws().getSessionDurationSeconds();
        long seconds = requested != null ? requested : timeout.toSeconds();
        seconds = Math.clamp(seconds, MIN_DURATION_SECONDS, MAX_DURATION_SECONDS);
        Instant start = startTime(run);
        if (start != null) {
            long remaining = Duration.between(now, start.plus(timeout)).toSeconds();
            seconds = Math.min(seconds, Math.max(MIN_DURATION_SECONDS, remaining));
        }
        return (int) seconds;
    }

    private static String timeoutOf(SitRunSpec spec) {
        return spec.getTimeout() == null ? SitRunSpec.DEFAULT_TIMEOUT : spec.getTimeout();
    }

    private static Instant startTime(SitRun run) {
        if (run.getStatus() == null || run.getStatus().getStartTime() == null) {
            return null;
        }
        return OffsetDateTime.parse(run.getStatus().getStartTime()).toInstant();
    }
}
