package io.dataops.sit.operator.observe;

import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

/** A Job's state as the run cares about it, from its status (conditions first, counters as fallback). */
public final class JobStates {

    private JobStates() {}

    public static JobState of(Job job) {
        if (job == null) {
            return JobState.ABSENT;
        }
        var status = job.getStatus();
        if (status == null) {
            return JobState.RUNNING;
        }
        if (status.getConditions() != null) {
            for (JobCondition c : status.getConditions()) {
                if (!"True".equals(c.getStatus())) {
                    continue;
                }
                if ("Complete".equals(c.getType()) || "SuccessCriteriaMet".equals(c.getType())) {
                    return JobState.SUCCEEDED;
                }
                if ("Failed".equals(c.getType()) || "FailureTarget".equals(c.getType())) {
                    return "DeadlineExceeded".equals(c.getReason()) ? JobState.DEADLINE_EXCEEDED : JobState.FAILED;
                }
            }
        }
        if (status.getSucceeded() != null && status.getSucceeded() > 0) {
            return JobState.SUCCEEDED;
        }
        if (status.getFailed() != null && status.getFailed() > 0) {
            return JobState.FAILED;
        }
        return JobState.RUNNING;
    }
}
