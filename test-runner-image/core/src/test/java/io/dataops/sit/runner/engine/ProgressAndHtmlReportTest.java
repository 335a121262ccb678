package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunProgress;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.runner.evidence.TouchedData;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's progress hook, Cucumber's HTML report and the tables the steps name. */
class ProgressAndHtmlReportTest {

    @TempDir
    Path features;

    @TempDir
    Path out;

    private void twoScenariosOneFailing() throws Exception {
        TestEnv.write(features, "two.feature", """
                Feature: two
                  Scenario: rows given
                    Given sample data rows:
                      | id |
                      | 1  |
                  Scenario: query without a database
                    Then the query "select count(*) from orders" returns 1
                """);
    }

    @Test
    void progressIsToldTheTotalFirstThenAfterEachScenario() throws Exception {
        twoScenariosOneFailing();
        List<RunProgress> told = new CopyOnWriteArrayList<>();

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false)
                .withProgress(told::add)
                .run(TestEnv.noBroker(), features, null);

        assertThat(result.getScenarios().getTotal()).isEqualTo(2);
        assertThat(told).hasSize(3);
        assertThat(told.get(0)).satisfies(p -> {
            assertThat(p.getTotal()).isEqualTo(2);
            assertThat(p.getFinished()).isZero();
            assertThat(p.getCurrent()).isNull();
        });
        assertThat(told.get(1)).satisfies(p -> {
            assertThat(p.getFinished()).isEqualTo(1);
            assertThat(p.getPassed()).isEqualTo(1);
            assertThat(p.getCurrent()).isEqualTo("rows given");
        });
        assertThat(told.get(2)).satisfies(p -> {
            assertThat(p.getTotal()).isEqualTo(2);
            assertThat(p.getFinished()).isEqualTo(2);
            assertThat(p.getPassed()).isEqualTo(1);
            assertThat(p.getFailed()).isEqualTo(1);
            assertThat(p.getCurrent()).isEqualTo("query without a database");
        });
    }

    @Test
    void aProgressListenerThatThrowsDoesNotChangeTheRun() throws Exception {
        TestEnv.write(features, "one.feature", """
                Feature: one
                  Scenario: rows given
                    Given sample data rows:
                      | id |
                      | 1  |
                """);

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false)
                .withProgress(p -> {
                    throw new IllegalStateException("API server down");
                })
                .run(TestEnv.noBroker(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void theRealRunWritesCucumbersHtmlReport() throws Exception {
        twoScenariosOneFailing();
        Path html = out.resolve("reports/report.html");

        new ScenarioEngine(TestEnv.fastSettings(), false).withHtmlReport(html).run(TestEnv.noBroker(), features, null);

        String report = Files.readString(html);
        assertThat(report).containsIgnoringCase("<html").contains("query without a database");
        // Only the real run writes it: the dry run's steps are all "skipped", the real run's last step failed.
        assertThat(report).contains("\"FAILED\"");
    }

    @Test
    void aDryRunErrorWritesNoHtmlReport() throws Exception {
        TestEnv.write(features, "typo.feature", """
                Feature: typo
                  Scenario: unknown step
                    Given sampel data rows
                """);
        Path html = out.resolve("report.html");

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false)
                .withHtmlReport(html)
                .run(TestEnv.noBroker(), features, null);

        assertThat(result.getReason()).isEqualTo("UnknownStep");
        assertThat(html).doesNotExist();
    }

    @Test
    void tablesNamedInSqlStepsAreRecorded() throws Exception {
        twoScenariosOneFailing();
        TouchedData touched = new TouchedData();

        new ScenarioEngine(TestEnv.fastSettings(), false)
                .withTouchedData(touched)
                .run(TestEnv.noBroker(), features, null);

        // No database in this run: the step fails before it knows which database, so nothing is recorded.
        assertThat(touched.tables()).isEmpty();
        touched.addTablesFromSql("db", "select o.id from sales.orders o join customers c on c.id = o.customer_id");
        assertThat(touched.tablesOf("db")).containsExactlyInAnyOrder("sales.orders", "customers");
    }
}
