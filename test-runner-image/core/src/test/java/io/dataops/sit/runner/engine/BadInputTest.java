package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.report.ExitCodes;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.testing.AvroFixtures;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends as Error (exit 2) with a reason and a message naming the feature file and line. */
class BadInputTest {

    @TempDir
    Path features;

    private RunnerResult run() {
        return new ScenarioEngine(TestEnv.fastSettings(), false).run(TestEnv.noBroker(), features, null);
    }

    @Test
    void unknownStepSuggestsTheClosestKnownStep() throws Exception {
        TestEnv.write(features, "typo.feature", """
                Feature: typo
                  Scenario: misspelt publish
                    Given sample data is loaded from: data.json
                    And publishd to Kafka topik: orders
                """);
        RunnerResult result = run();
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(ExitCodes.of(result)).isEqualTo(2);
        assertThat(result.getReason()).isEqualTo("UnknownStep");
        assertThat(result.getMessage())
                .contains("typo.feature:4")
                .contains("publishd to Kafka topik: orders")
                .contains("did you mean \"published to Kafka topic: <topic>\"");
    }

    @Test
    void theCheckAloneFindsUnknownStepsAndParseErrorsWithoutAnEnvironment() throws Exception {
        ScenarioEngine engine = new ScenarioEngine(TestEnv.fastSettings(), false);
        TestEnv.write(features, "good.feature", """
                Feature: good
                  Scenario: publish
                    Given sample data is loaded from: data.json
                    And published to Kafka topic: orders
                """);
        assertThat(engine.check(features, null)).isEmpty();

        TestEnv.write(features, "typo.feature", """
                Feature: typo
                  Scenario: misspelt publish
                    And publishd to Kafka topik: orders
                """);
        assertThat(engine.check(features, null)).hasValueSatisfying(result -> {
            assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
            assertThat(result.getReason()).isEqualTo("UnknownStep");
            assertThat(result.getMessage()).contains("typo.feature:3");
        });

        TestEnv.write(features, "typo.feature", """
                Feature: broken
                  Scenario: fine
                    Given sample data is loaded from: a.json
                  this line is not gherkin
                """);
        assertThat(engine.check(features, null))
                .hasValueSatisfying(result -> assertThat(result.getReason()).isEqualTo("FeatureParseError"));
    }

    @Test
    void missingFixtureNamesTheFeatureLineAndThePathsSearched() throws Exception {
        TestEnv.write(features, "missing.feature", """
                Feature: missing
                  Scenario: no data
                    Given sample data is loaded from: tests/fixtures/nowhere.json
                """);
        RunnerResult result = run();
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("FixtureNotFound");
        assertThat(result.getMessage())
                .contains("missing.feature:3")
                .contains(features.resolve("tests/fixtures/nowhere.json").toString())
                .contains(features.resolve("nowhere.json").toString());
        assertThat(result.getScenarioResults())
                .singleElement()
                .satisfies(s -> assertThat(s.getStatus()).isEqualTo("error"));
    }

    @Test
    void unparsableFeatureNamesFileAndLine() throws Exception {
        TestEnv.write(features, "broken.feature", """
                Feature: broken
                  Scenario: fine
                    Given sample data is loaded from: a.json
                  this line is not gherkin
                  Scenario Outline
                """);
        RunnerResult result = run();
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("FeatureParseError");
        assertThat(result.getMessage()).startsWith("broken.feature:");
        assertThat(result.getMessage()).matches("broken\\.feature:\\d+: .+");
    }

    @Test
    void recordNotFittingTheSchemaNamesFixtureAndField() throws Exception {
        TestEnv.write(features, "schema.feature", """
                Feature: schema
                  Scenario: wrong type
                    Given sample data is loaded from: orders.json
                    And with schema: input.avsc
                    And published to Kafka topic: schema_mismatch_in
                """);
        TestEnv.write(features, "orders.json", """
                [{"id": "a", "product": "pen", "amount": 1.5},
                 {"id": "b", "product": "pen", "amount": "lots"}]
                """);
        AvroFixtures.writeSchema(features.resolve("input.avsc"));
        RunnerResult result = run();
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("SchemaMismatch");
        assertThat(result.getMessage())
                .contains("schema.feature:5")
                .contains("orders.json record 2")
                .contains("'amount'");
    }

    @Test
    void noBrokerIsAnErrorNotAFailure() throws Exception {
        TestEnv.write(features, "nobroker.feature", """
                Feature: no broker
                  Scenario: publish
                    Given sample data is loaded from: orders.json
                    And published to Kafka topic: x
                """);
        TestEnv.write(features, "orders.json", "{\"id\": 1}");
        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings().withBrokerTimeout(Duration.ofSeconds(3)), false)
                .run(
                        new RunEnvironment(
                                new SitRun(),
                                Map.of("main", "127.0.0.1:1"),
                                Map.of(),
                                null,
                                Optional.empty(),
                                Optional.empty()),
                        features,
                        null);
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BrokerUnreachable");
        assertThat(result.getMessage())
                .contains("nobroker.feature:4")
                .contains("127.0.0.1:1")
                .contains("unreachable (3s)");
    }

    @Test
    void noFeatureFilesIsAnError() {
        RunnerResult result = run();
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("NoScenarios");
    }
}
