package io.dataops.sit.api.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import org.junit.jupiter.api.Test;

/** The runner, the seed Jobs and local mode build error results through these, and the operator reads them back. */
class ResultFactoriesTest {

    @Test
    void aRunnerErrorResultSurvivesTheCodecWithItsReason() throws Exception {
        RunnerResult written = RunnerResult.error(RunReason.BAD_INPUT, "spec.runner.features names no ConfigMap");

        RunnerResult read = ResultCodec.readRunner(ResultCodec.write(written));
        assertThat(read.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(read.getReason()).isEqualTo("BadInput");
        assertThat(read.getMessage()).isEqualTo("spec.runner.features names no ConfigMap");
        assertThat(read.getStartedAt()).isNotNull().isEqualTo(read.getFinishedAt());
        assertThat(ResultCodec.write(written)).doesNotContain("\"end\"").doesNotContain("\"error\"");
    }

    @Test
    void endReplacesTheWholeVerdict() {
        RunnerResult result = RunnerResult.error(RunReason.RUNNER_ERROR, "first");
        result.end(Outcome.FAILED, RunReason.THRESHOLDS_FAILED, "1 of 2 thresholds failed");
        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getReason()).isEqualTo("ThresholdsFailed");
        assertThat(result.getMessage()).isEqualTo("1 of 2 thresholds failed");
    }

    @Test
    void aSeedErrorResultNamesItsDatabase() throws Exception {
        SeedResult read = ResultCodec.readSeed(
                ResultCodec.write(SeedResult.error("warehouse", RunReason.FIXTURE_NOT_FOUND, "orders.csv not found")));
        assertThat(read.getDatabase()).isEqualTo("warehouse");
        assertThat(read.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(read.getReason()).isEqualTo("FixtureNotFound");
    }
}
