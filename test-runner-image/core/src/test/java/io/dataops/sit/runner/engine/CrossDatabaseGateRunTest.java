package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.report.ExitCodes;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.DataCheck;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.ForeignKeyCheck;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.postgres.RealPostgres;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner checks the gates across databases after the dry run and before the first scenario, with two real
 * PostgreSQL servers: a failing one ends the run as GateFailed and no scenario runs; passing, they are in the result.
 */
class CrossDatabaseGateRunTest {

    /** Both databases on one server: the runner reaches each through its own connection, as across servers. */
    @RegisterExtension
    static final RealPostgres postgres = new RealPostgres();

    @TempDir
    Path features;

    @Test
    void anOrphanAcrossDatabasesStopsTheRunBeforeTheScenariosAndAFixedOnePasses() throws Exception {
        DatabaseConnection orders = postgres.freshDatabase("orders");
        DatabaseConnection crm = postgres.freshDatabase("crm");
        RealPostgres.execute(
                crm,
                "DROP TABLE IF EXISTS customers; CREATE TABLE customers (id bigint PRIMARY KEY);"
                        + " INSERT INTO customers VALUES (1), (2);");
        RealPostgres.execute(
                orders,
                "DROP TABLE IF EXISTS orders; CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);"
                        + " INSERT INTO orders VALUES (1, 1), (2, 2), (3, 3);");
        TestEnv.write(features, "orders.feature", """
                Feature: Orders
                  Scenario: The orders are there
                    Then table orders contains 3 rows with tolerance of +/- 0 in database orders
                """);
        RunEnvironment env = new RunEnvironment(
                sitRun(), Map.of(), Map.of("orders", orders, "crm", crm), null, Optional.empty(), Optional.empty());

        RunnerResult failed = new ScenarioEngine(TestEnv.fastSettings(), true).run(env, features, null);

        assertThat(failed.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(failed.getReason()).isEqualTo("GateFailed");
        assertThat(failed.getMessage())
                .isEqualTo("data-quality gate failed before the scenarios: orders.customer_id references "
                        + "crm:customers.id on database orders (1 row(s) of orders (1 of 3 distinct value(s)) have a "
                        + "customer_id missing from crm:customers.id, expected 0)");
        assertThat(failed.getScenarios().getTotal()).isZero();
        assertThat(failed.getScenarioResults()).isEmpty();
        assertThat(ExitCodes.of(failed)).isEqualTo(2);
        assertThat(failed.getGates())
                .singleElement()
                .satisfies(g -> assertThat(g.database()).isEqualTo("orders"));
        assertThat(Reports.table(failed))
                .contains("GATE", "orders.customer_id references crm:customers.id", "crossDatabaseForeignKey", "NO");

        RealPostgres.execute(crm, "INSERT INTO customers VALUES (3);");
        RunnerResult passed = new ScenarioEngine(TestEnv.fastSettings(), true).run(env, features, null);

        assertThat(passed.getOutcome()).as(passed.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(passed.getScenarios().getPassed()).isEqualTo(1);
        assertThat(passed.getGates())
                .singleElement()
                .satisfies(g -> assertThat(g.passed()).isTrue());
    }

    private static SitRun sitRun() {
        DataCheck check = new DataCheck();
        check.setTable("orders");
        ForeignKeyCheck fk = new ForeignKeyCheck();
        fk.setColumn("customer_id");
        fk.setReferences("customers.id");
        fk.setDatabase("crm");
        check.setForeignKey(fk);
        DatabaseSpec orders = new DatabaseSpec();
        orders.setName("orders");
        orders.setChecks(List.of(check));
        DatabaseSpec crm = new DatabaseSpec();
        crm.setName("crm");
        SitRunSpec spec = new SitRunSpec();
        spec.setDatabases(List.of(orders, crm));
        SitRun run = new SitRun();
        run.setSpec(spec);
        return run;
    }
}
