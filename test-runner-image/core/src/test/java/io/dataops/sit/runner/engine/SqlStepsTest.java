package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.postgres.RealPostgres;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** SQL assertions against a real PostgreSQL server. */
class SqlStepsTest {

    @RegisterExtension
    static final RealPostgres postgres = new RealPostgres();

    static DatabaseConnection db;

    @TempDir
    Path features;

    @BeforeAll
    static void ordersTable() throws Exception {
        db = postgres.freshDatabase("orders-db");
        RealPostgres.execute(db, "create table orders (id int primary key, status text, amount numeric)");
        RealPostgres.execute(
                db,
                "insert into orders select g, case when g % 2 = 0 then 'SHIPPED' else 'NEW' end, g * 10 from generate_series(1, 20) g");
    }

    private RunnerResult run(RunEnvironment env) {
        return new ScenarioEngine(TestEnv.fastSettings(), false).run(env, features, null);
    }

    private static RunEnvironment env(DatabaseConnection connection) {
        return new RunEnvironment(
                new SitRun(),
                Map.of(),
                Map.of(connection.name(), connection),
                null,
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void tableCountsAndQueryValuesAreThresholds() throws Exception {
        TestEnv.write(features, "sql.feature", """
                Feature: orders table
                  Scenario: loaded and shaped as expected
                    Then table orders contains 20 rows with tolerance of +/- 0
                    And table public.orders contains 21 rows with tolerance of +/- 5% in database orders-db
                    And the query "select count(*) from orders where status = 'SHIPPED'" returns 10
                    And the query "select status from orders where id = 2" returns 'SHIPPED'
                    And the query "select avg(amount) from orders" returns a value within 100 and 110
                    And table orders contains 30 rows with tolerance of +/- 10%
                """);
        RunnerResult result = run(env(db));

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getThresholds()).hasSize(6);
        assertThat(result.getThresholds().subList(0, 5)).allMatch(ThresholdResult::isPassed);
        ThresholdResult missed = result.getThresholds().get(5);
        assertThat(missed.isPassed()).isFalse();
        assertThat(missed.getActual()).isEqualByComparingTo("20");
        assertThat(missed.getToleranceUnit()).isEqualTo("percent");
        assertThat(result.getThresholds().get(4).getActual()).isEqualByComparingTo("105");
    }

    @Test
    void unreachableDatabaseIsAnError() throws Exception {
        TestEnv.write(features, "down.feature", """
                Feature: down
                  Scenario: no server
                    Then table orders contains 20 rows with tolerance of +/- 0
                """);
        RunnerResult result =
                run(env(new DatabaseConnection("orders-db", "127.0.0.1", 1, "postgres", "postgres", "pw")));
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("DatabaseUnreachable");
        assertThat(result.getMessage())
                .contains("down.feature:3")
                .contains("orders-db")
                .doesNotContain("pw\"");
    }
}
