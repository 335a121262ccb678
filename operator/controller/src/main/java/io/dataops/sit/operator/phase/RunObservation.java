package io.dataops.sit.operator.phase;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.api.v1alpha1.status.SystemStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the reconciler saw in the cluster at one instant: the only input of {@link SitRunStatusAggregator}
 * besides the SitRun itself, so every phase transition can be unit-tested without a cluster.
 *
 * @param problem        bad input or a failed build step (namespace conflict, missing ConfigMap, Strimzi
 *                       absent, image that never pulls, a dependent that errored); ends the run as Error
 * @param namespaceReady the run namespace exists (Provisioning has begun)
 * @param seedResults    raw sit-results documents per database that has a seed Job (absent key: no result yet)
 * @param seedJobs       state of each database's seed Job
 * @param runnerJob      state of the runner Job
 * @param runnerResult   raw runner.json from sit-results, or null
 * @param images         the image digests the run's pods ran, accumulated over the run ({@link RunImages#NONE} when
 *                       no pod was seen)
 */
public record RunObservation(
        Instant now,
        Problem problem,
        boolean namespaceReady,
        List<BrokerStatus> brokers,
        List<DatabaseStatus> databases,
        List<SystemStatus> systems,
        Map<String, JobState> seedJobs,
        Map<String, String> seedResults,
        JobState runnerJob,
        String runnerResult,
        RunImages images) {

    public RunObservation {
        images = images == null ? RunImages.NONE : images;
    }

    /** An observation without pod images (runs whose pods were not looked at). */
    public RunObservation(
            Instant now,
            Problem problem,
            boolean namespaceReady,
            List<BrokerStatus> brokers,
            List<DatabaseStatus> databases,
            List<SystemStatus> systems,
            Map<String, JobState> seedJobs,
            Map<String, String> seedResults,
            JobState runnerJob,
            String runnerResult) {
        this(
                now,
                problem,
                namespaceReady,
                brokers,
                databases,
                systems,
                seedJobs,
                seedResults,
                runnerJob,
                runnerResult,
                RunImages.NONE);
    }

    public record Problem(String reason, String message) {

        public Problem(RunReason reason, String message) {
            this(reason.value(), message);
        }
    }

    public enum JobState {
        ABSENT,
        RUNNING,
        SUCCEEDED,
        FAILED,
        DEADLINE_EXCEEDED;

        public boolean ended() {
            return this == SUCCEEDED || this == FAILED || this == DEADLINE_EXCEEDED;
        }

        /** Failed for good: the Job controller gave up (backoff limit or deadline). */
        public boolean failed() {
            return this == FAILED || this == DEADLINE_EXCEEDED;
        }
    }
}
