package io.dataops.sit.operator.phase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunProgress;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import org.junit.jupiter.api.Test;

class ProgressStatusTest {

    @Test
    void progressShowsAsPassedOverPlannedScenarios() {
        SitRunStatus status = new SitRunStatus();
        status.setMessage("the runner Job is running the scenarios");
        ProgressStatus.apply(status, ResultCodec.write(new RunProgress(5, 3, 2, 1, "orders arrive")));
        assertThat(status.getMessage())
                .isEqualTo("the runner Job is running the scenarios; Progress: 3/5 scenarios "
                        + "finished (2 passed, 1 failed), current: orders arrive");
        assertThat(status.getResults().getPassed()).isEqualTo("2/5");
        assertThat(status.getResults().getScenarios().getTotal()).isEqualTo(5);
        assertThat(status.getResults().getScenarios().getFailed()).isEqualTo(1);
    }

    @Test
    void anUnreadableOrEmptyProgressChangesNothing() {
        SitRunStatus status = new SitRunStatus();
        ProgressStatus.apply(status, "{not json");
        ProgressStatus.apply(status, ResultCodec.write(new RunProgress(0, 0, 0, 0, null)));
        assertThat(status.getResults()).isNull();
        assertThat(status.getMessage()).isNull();
    }
}
