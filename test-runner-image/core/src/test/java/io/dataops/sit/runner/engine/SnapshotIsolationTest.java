package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.PostgresSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SqlSeed;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.postgres.RealPostgres;
import io.dataops.sit.runner.seed.Seeder;
import io.dataops.sit.runner.testing.TestEnv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A database snapshotted after seeding, restored for each scenario tagged @isolated, on a real PostgreSQL. */
class SnapshotIsolationTest {

    @RegisterExtension
    static final RealPostgres postgres = new RealPostgres();

    @TempDir
    Path features;

    @Test
    void anIsolatedScenarioSeesTheSeededRowsAfterAnotherDeletedThem() throws Exception {
        DatabaseConnection connection = postgres.freshDatabase("warehouse");
        DatabaseSpec spec = new DatabaseSpec();
        spec.setName("warehouse");
        spec.setPostgres(new PostgresSpec());
        spec.setSnapshot(true);
        SqlSeed sql = new SqlSeed();
        sql.setInline("CREATE TABLE item (id int PRIMARY KEY); INSERT INTO item SELECT generate_series(1, 5);");
        SeedStep step = new SeedStep();
        step.setSql(sql);
        spec.setSeed(List.of(step));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SeedResult seeded = new Seeder(null, new PrintStream(log, true, StandardCharsets.UTF_8)).seed(spec, connection);
        assertThat(seeded.getOutcome()).as(seeded.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(seeded.getMessage())
                .containsPattern("snapshot " + connection.database() + "_sit_snapshot taken in \\d+ ms");

        TestEnv.write(features, "isolation.feature", """
                Feature: isolation
                  Scenario: a scenario that deletes
                    Then the query "WITH gone AS (DELETE FROM item RETURNING 1) SELECT count(*) FROM gone" returns 5
                    And table item contains 0 rows with tolerance of +/- 0

                  @isolated
                  Scenario: starts from the seeded data
                    Then table item contains 5 rows with tolerance of +/- 0

                  Scenario: not isolated, after it
                    Then table item contains 5 rows with tolerance of +/- 0
                """);
        SitRun run = new SitRun();
        run.setSpec(new SitRunSpec());
        run.getSpec().setDatabases(List.of(spec));
        RunEnvironment env = new RunEnvironment(
                run, Map.of(), Map.of("warehouse", connection), null, Optional.empty(), Optional.empty());

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(env, features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds())
                .extracting(ThresholdResult::isPassed)
                .containsOnly(true)
                .hasSize(4);
    }

    @Test
    void anIsolatedScenarioWithoutASnapshotIsBadInput() throws Exception {
        TestEnv.write(features, "isolation.feature", """
                Feature: isolation
                  @isolated
                  Scenario: nothing to start from
                    Then table item contains 5 rows with tolerance of +/- 0
                """);
        DatabaseConnection connection = postgres.freshDatabase("warehouse");
        RunEnvironment env = new RunEnvironment(
                new SitRun(), Map.of(), Map.of("warehouse", connection), null, Optional.empty(), Optional.empty());

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(env, features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BadInput");
        assertThat(result.getMessage()).contains("isolation.feature:3").contains("no database has snapshot: true");
    }
}
