package io.dataops.sit.operator.phase;

import static io.dataops.sit.operator.phase.SitRunStatusAggregatorTest.afterSeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataops.sit.api.RunCause;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.api.v1alpha1.status.GateStatus;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gate results and the dataset manifest from the seed and runner results into status.databases[]. */
class DatabaseGatesStatusTest {

    final SitRunStatusAggregator aggregator = new SitRunStatusAggregator(OperatorSettings.defaults());

    @Test
    void passingAndFailingGatesAreReportedFailedFirstWithWhatWasMeasured() {
        SitRun run = run("warehouse");
        SeedResult seed = new SeedResult();
        seed.setDatabase("warehouse");
        seed.getGates().add(gate("currency rows >= 3", true, "rowCount", "3 rows", ">= 3"));
        seed.getGates().add(gate("orders schema", false, "schema", "1 missing, 0 extra, 0 of another type", "x"));
        seed.end(Outcome.FAILED, RunReason.GATE_FAILED, "orders schema: missing: orders.note");

        SitRunStatus s = afterSeeds(aggregator, run, Map.of("warehouse", seed), JobState.ABSENT, null);

        assertThat(s.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(s.getReason()).isEqualTo("GateFailed");
        DatabaseStatus db = s.getDatabases().get(0);
        assertThat(db.getGates())
                .extracting(GateStatus::getName, GateStatus::getType, GateStatus::isPassed, GateStatus::getObserved)
                .containsExactly(
                        tuple("orders schema", "schema", false, "1 missing, 0 extra, 0 of another type"),
                        tuple("currency rows >= 3", "rowCount", true, "3 rows"));
        assertThat(db.getGatesOmitted()).isNull();
        assertThat(db.getGates().get(1).getExpected()).isEqualTo(">= 3");
    }

    @Test
    void theListIsCappedAndSaysHowManyWereLeftOutKeepingTheFailedOnes() {
        SitRun run = run("warehouse");
        SeedResult seed = new SeedResult();
        seed.setDatabase("warehouse");
        for (int i = 0; i < 30; i++) {
            seed.getGates().add(gate("gate " + i, i != 27, "sql", "t", "true"));
        }
        seed.getGates().add(gate("long " + "n".repeat(400), true, "sql", "o".repeat(400), "true"));
        seed.end(Outcome.FAILED, RunReason.GATE_FAILED, "gate 27: false");

        DatabaseStatus db = afterSeeds(aggregator, run, Map.of("warehouse", seed), JobState.ABSENT, null)
                .getDatabases()
                .get(0);

        assertThat(db.getGates()).hasSize(DatabaseStatus.MAX_GATES);
        assertThat(db.getGates().get(0).getName()).isEqualTo("gate 27");
        assertThat(db.getGatesOmitted()).isEqualTo(31 - DatabaseStatus.MAX_GATES);
        // the status stays small whatever the runner wrote
        assertThat(Serialization.asJson(db).length()).isLessThan(8 * 1024);
    }

    @Test
    void theDatasetAndItsDriftAreRecorded() {
        SitRun run = run("warehouse");
        SeedResult seed = new SeedResult();
        seed.setDatabase("warehouse");
        seed.setDatasetVersion("golden-v3");
        String drift = "dataset manifest configmap f/manifest.yaml: f/orders.csv has sha256 aa, the manifest says bb";
        seed.setDataset(new SeedResult.DatasetResult(
                "golden-v3", "configmap f/manifest.yaml", "c".repeat(64), 2, "1.4.2", "42", drift));
        seed.end(Outcome.ERROR, RunReason.DATASET_DRIFT, "database warehouse: " + drift);

        SitRunStatus s = afterSeeds(aggregator, run, Map.of("warehouse", seed), JobState.ABSENT, null);

        assertThat(s.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(s.getReason()).isEqualTo("DatasetDrift");
        assertThat(s.getMessage()).contains("f/orders.csv has sha256 aa");
        DatabaseStatus db = s.getDatabases().get(0);
        assertThat(db.getDataset().getVersion()).isEqualTo("golden-v3");
        assertThat(db.getDataset().getManifestSha256()).isEqualTo("c".repeat(64));
        assertThat(db.getDataset().getFiles()).isEqualTo(2);
        assertThat(db.getDataset().getAppVersion()).isEqualTo("1.4.2");
        assertThat(db.getDataset().getMigrationVersion()).isEqualTo("42");
        assertThat(db.getDataset().getDrift()).isEqualTo(drift);
        assertThat(RunReason.DATASET_DRIFT.cause()).isEqualTo(RunCause.DATA);
    }

    @Test
    void theRunnersCrossDatabaseGatesJoinTheSeedsOnTheirDatabaseAndAFailureIsGateFailed() {
        SitRun run = run("orders", "crm");
        SeedResult orders = new SeedResult();
        orders.setDatabase("orders");
        orders.getGates().add(gate("orders rows >= 1", true, "rowCount", "3 rows", ">= 1"));
        orders.end(Outcome.PASSED, RunReason.ALL_PASSED, "seeded");
        SeedResult crm = new SeedResult();
        crm.setDatabase("crm");
        crm.end(Outcome.PASSED, RunReason.ALL_PASSED, "seeded");
        RunnerResult runner = RunnerResult.error(
                RunReason.GATE_FAILED,
                "data-quality gate failed before the scenarios: orders.customer_id references crm:customers.id");
        runner.getGates()
                .add(new SeedResult.GateResult(
                        "orders.customer_id references crm:customers.id",
                        false,
                        "1 row(s) of orders have a customer_id missing from crm:customers.id, expected 0",
                        "crossDatabaseForeignKey",
                        "1 orphan row(s)",
                        "0 orphan rows",
                        "orders"));

        SitRunStatus s = afterSeeds(
                aggregator, run, Map.of("orders", orders, "crm", crm), JobState.FAILED, ResultCodec.write(runner));

        assertThat(s.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(s.getReason()).isEqualTo("GateFailed");
        assertThat(s.getMessage()).contains("orders.customer_id references crm:customers.id");
        DatabaseStatus ordersStatus = s.getDatabases().get(0);
        assertThat(ordersStatus.getGates())
                .extracting(GateStatus::getType)
                .containsExactly("crossDatabaseForeignKey", "rowCount");
        assertThat(s.getDatabases().get(1).getGates()).isEmpty();
        assertThat(Serialization.asJson(s.getDatabases().get(1))).doesNotContain("gates");
    }

    private static SitRun run(String... databases) {
        SitRun run = SitRunStatusAggregatorTest.run();
        List<DatabaseSpec> specs = new ArrayList<>();
        for (String name : databases) {
            DatabaseSpec db = new DatabaseSpec();
            db.setName(name);
            specs.add(db);
        }
        run.getSpec().setDatabases(specs);
        return run;
    }

    private static SeedResult.GateResult gate(
            String name, boolean passed, String type, String observed, String expected) {
        return new SeedResult.GateResult(name, passed, name + ": " + observed, type, observed, expected);
    }
}
