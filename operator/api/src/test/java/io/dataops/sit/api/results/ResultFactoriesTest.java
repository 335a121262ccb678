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

    @Test
    void gateResultsAndTheDatasetSurviveTheCodecAndAnOldSeedResultStillReads() throws Exception {
        SeedResult seed = new SeedResult();
        seed.setDatabase("orders");
        seed.end(Outcome.ERROR, RunReason.DATASET_DRIFT, "customers.csv differs");
        seed.getGates()
                .add(new SeedResult.GateResult(
                        "orders rows >= 3", true, "orders has 3 rows, expected >= 3", "rowCount", "3 rows", ">= 3"));
        seed.setDataset(new SeedResult.DatasetResult(
                "golden-v3", "configmap f/manifest.yaml", "ab".repeat(32), 2, "1.4.2", "42", "customers.csv differs"));

        SeedResult read = ResultCodec.readSeed(ResultCodec.write(seed));
        assertThat(read.getGates()).containsExactly(seed.getGates().get(0));
        assertThat(read.getDataset()).isEqualTo(seed.getDataset());

        // A seed result written before gates had a type (three fields only) is still read.
        SeedResult old = ResultCodec.readSeed("{\"schemaVersion\":1,\"database\":\"orders\",\"outcome\":\"Passed\","
                + "\"gates\":[{\"name\":\"g\",\"passed\":true,\"message\":\"m\"}]}");
        assertThat(old.getGates()).containsExactly(new SeedResult.GateResult("g", true, "m"));

        RunnerResult runner =
                RunnerResult.error(RunReason.GATE_FAILED, "orders.customer_id references crm:customers.id");
        runner.getGates()
                .add(new SeedResult.GateResult(
                        "fk",
                        false,
                        "1 orphan",
                        "crossDatabaseForeignKey",
                        "1 orphan row(s)",
                        "0 orphan rows",
                        "orders"));
        assertThat(ResultCodec.readRunner(ResultCodec.write(runner)).getGates()).isEqualTo(runner.getGates());
        assertThat(ResultCodec.write(RunnerResult.error(RunReason.BAD_INPUT, "x")))
                .doesNotContain("gates");
    }
}
