package io.dataops.sit.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import org.junit.jupiter.api.Test;

class JobStatesTest {

    @Test
    void conditionsDecideBeforeCounters() {
        assertThat(JobStates.of(null)).isEqualTo(JobState.ABSENT);
        assertThat(JobStates.of(new Job())).isEqualTo(JobState.RUNNING);
        assertThat(JobStates.of(withCondition("Complete", null))).isEqualTo(JobState.SUCCEEDED);
        assertThat(JobStates.of(withCondition("SuccessCriteriaMet", null))).isEqualTo(JobState.SUCCEEDED);
        assertThat(JobStates.of(withCondition("FailureTarget", "BackoffLimitExceeded")))
                .isEqualTo(JobState.FAILED);
        assertThat(JobStates.of(withCondition("Failed", "DeadlineExceeded"))).isEqualTo(JobState.DEADLINE_EXCEEDED);
        assertThat(JobStates.of(new JobBuilder()
                        .withStatus(new JobStatusBuilder().withSucceeded(1).build())
                        .build()))
                .isEqualTo(JobState.SUCCEEDED);
        assertThat(JobStates.of(new JobBuilder()
                        .withStatus(new JobStatusBuilder().withFailed(1).build())
                        .build()))
                .isEqualTo(JobState.FAILED);
    }

    @Test
    void failedCoversTheDeadline() {
        assertThat(JobState.FAILED.failed()).isTrue();
        assertThat(JobState.DEADLINE_EXCEEDED.failed()).isTrue();
        assertThat(JobState.RUNNING.failed()).isFalse();
        assertThat(JobState.SUCCEEDED.failed()).isFalse();
    }

    private static Job withCondition(String type, String reason) {
        return new JobBuilder()
                .withStatus(new JobStatusBuilder()
                        .withConditions(new JobConditionBuilder()
                                .withType(type)
                                .withStatus("True")
                                .withReason(reason)
                                .build())
                        .build())
                .build();
    }
}
