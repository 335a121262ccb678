package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.evidence.TouchedData;
import io.dataops.sit.runner.relay.Relay;
import io.dataops.sit.runner.testing.AvroFixtures;
import io.dataops.sit.runner.testing.SharedKafka;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON fixtures, percent tolerance, polling variants, wait-until-matched and latency against a real broker. */
class KafkaVocabularyTest {

    @TempDir
    Path features;

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Relay relay(String from, String to, String filter) {
        return new Relay(new Relay.Options(
                        SharedKafka.bootstrapServers(),
                        from,
                        to,
                        filter,
                        null,
                        Long.MAX_VALUE,
                        "relay-" + UUID.randomUUID()))
                .start();
    }

    @Test
    void jsonFixturesFiltersPercentToleranceArrivalAndLatency() throws Exception {
        String in = unique("orders_in");
        String out = unique("orders_big");
        TestEnv.write(features, "fixtures/orders.jsonl", """
                {"id": "o1", "status": "NEW", "amount": 5}
                {"id": "o2", "status": "NEW", "amount": 50}
                {"id": "o3", "status": "SHIPPED", "amount": 500}
                {"id": "o4", "status": "NEW", "amount": 70}
                """);
        TestEnv.write(features, "orders.feature", """
                Feature: big orders
                  Scenario: only orders above 10 are forwarded
                    Given sample data is loaded from: fixtures/orders.jsonl
                    And published to Kafka topic: %1$s
                    When relay job started: big_orders
                    And finished processing within 60 seconds
                    And result consumed from Kafka topic on checkpoint: %2$s
                    Then the result contains 3 records with tolerance of +/- 10%%
                    And the result contains 3 records with tolerance of +/- 0 within 10 seconds
                    And an event matching "@.status == 'SHIPPED' && @.amount > 100" arrives on topic %2$s within 10 seconds
                    And no event matching "@.amount < 10" arrives on topic %2$s for 1 seconds
                    And the p95 end-to-end latency from %1$s to %2$s is below 10000 ms
                """.formatted(in, out));
        try (Relay ignored = relay(in, out, "@.amount > 10")) {
            RunnerResult result =
                    new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.kafkaOnly(), features, null);
            assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
            assertThat(result.getThresholds()).hasSize(5).allMatch(ThresholdResult::isPassed);
            ThresholdResult percent = result.getThresholds().get(0);
            assertThat(percent.getToleranceUnit()).isEqualTo("percent");
            assertThat(percent.getTolerance()).isEqualByComparingTo("10");
            assertThat(percent.getActual()).isEqualByComparingTo("3");
            ThresholdResult latency = result.getThresholds().get(4);
            assertThat(latency.getName()).contains("p95");
            assertThat(latency.getActual()).isNotNull();
            assertThat(latency.getMessage()).contains("3 records paired");
        }
    }

    @Test
    void waitUntilMatchedTimesOutWithAClearMessage() throws Exception {
        String topic = unique("payments");
        TestEnv.write(features, "payments.json", """
                [{"id": "p1", "status": "PENDING"}, {"id": "p2", "status": "PENDING"}]
                """);
        TestEnv.write(features, "timeout.feature", """
                Feature: timeout
                  Scenario: the confirmation never comes
                    Given sample data is loaded from: payments.json
                    And published to Kafka topic: %1$s
                    Then an event matching "@.status == 'CONFIRMED'" arrives on topic %1$s within 2 seconds

                  Scenario: a later scenario still runs
                    Given sample data is loaded from: payments.json
                    And published to Kafka topic: %1$s
                    Then an event matching "@.status == 'PENDING'" arrives on topic %1$s within 10 seconds
                """.formatted(topic));

        RunnerResult result =
                new ScenarioEngine(TestEnv.fastSettings(), false).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getReason()).isEqualTo("ThresholdsFailed");
        assertThat(result.getScenarios().getTotal()).isEqualTo(2);
        assertThat(result.getScenarios().getPassed()).isEqualTo(1);
        ThresholdResult missed = result.getThresholds().get(0);
        assertThat(missed.isPassed()).isFalse();
        assertThat(missed.getMessage())
                .contains("timed out after")
                .contains("@.status == 'CONFIRMED'")
                .contains("topic " + topic)
                .contains("examined 2 records");
        assertThat(result.getThresholds().get(1).isPassed()).isTrue();
        assertThat(result.getScenarioResults().get(0).getMessage()).contains("timeout.feature:5");
    }

    @Test
    void inlineSampleDataAndRowsWithSchema() throws Exception {
        String topic = unique("inline");
        AvroFixtures.writeSchema(features.resolve("input.avsc"));
        TestEnv.write(features, "inline.feature", """
                Feature: inline data
                  Scenario: doc string
                    Given sample data is:
                      ""\"
                      [{"id": "o1", "kind": "a"}, {"id": "o2", "kind": "b"}]
                      ""\"
                    And published to Kafka topic: %1$s
                    Then an event matching "@.kind == 'b'" arrives on topic %1$s within 10 seconds

                  Scenario: table converted by the schema
                    Given sample data rows:
                      | id | product | amount |
                      | o3 | pen     | 1.5    |
                      | o4 | book    | 20     |
                    And with schema: input.avsc
                    And published to Kafka topic: %1$s
                    Then an event matching "@.product == 'book' && @.amount == 20.0" arrives on topic %1$s within 10 seconds
                """.formatted(topic));
        TouchedData touched = new TouchedData();
        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false)
                .withTouchedData(touched)
                .run(TestEnv.kafkaOnly(), features, null);
        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds()).hasSize(2).allMatch(ThresholdResult::isPassed);
        // The data evidence decodes the topic with the schema the second scenario published with.
        assertThat(touched.schemaOf("main", topic))
                .isNotNull()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("InputEvent"));
    }

    @Test
    void brokerPrefixSelectsABrokerOfTheRun() throws Exception {
        String topic = unique("audit");
        TestEnv.write(features, "one.json", "{\"id\": 1}");
        TestEnv.write(features, "brokers.feature", """
                Feature: brokers
                  Scenario: second broker
                    Given sample data is loaded from: one.json
                    And published to Kafka topic: audit-log/%1$s
                    And result consumed from Kafka topic on checkpoint: audit-log/%1$s
                    Then the result contains 1 record with tolerance of +/- 0

                  Scenario: unknown broker
                    Given sample data is loaded from: one.json
                    And published to Kafka topic: nowhere/%1$s
                """.formatted(topic));
        // Both names lead to the shared broker: this checks the routing of names, not isolation between brokers.
        RunEnvironment env = new RunEnvironment(
                new SitRun(),
                new LinkedHashMap<>(Map.of("main", "127.0.0.1:1", "audit-log", SharedKafka.bootstrapServers())),
                Map.of(),
                null,
                Optional.empty(),
                Optional.empty());
        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(env, features, null);
        assertThat(result.getScenarioResults().get(0).getStatus())
                .as(result.getMessage())
                .isEqualTo("passed");
        assertThat(result.getThresholds().get(0).getName()).startsWith("audit-log/" + topic);
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BadInput");
        assertThat(result.getMessage()).contains("brokers.feature:10").contains("no broker named 'nowhere'");
    }

    @Test
    void tagExpressionSelectsScenarios() throws Exception {
        String topic = unique("tagged");
        TestEnv.write(features, "one.json", "{\"id\": 1}");
        TestEnv.write(features, "tags.feature", """
                Feature: tags
                  @smoke
                  Scenario: selected
                    Given sample data is loaded from: one.json
                    And published to Kafka topic: %1$s
                    And result consumed from Kafka topic on checkpoint: %1$s
                    Then the result contains 1 record with tolerance of +/- 0

                  @slow
                  Scenario: not selected
                    Given this step would be unknown but is never bound
                """.formatted(topic));
        RunnerResult result =
                new ScenarioEngine(TestEnv.fastSettings(), false).run(TestEnv.kafkaOnly(), features, "@smoke");
        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getScenarios().getTotal()).isEqualTo(1);
    }
}
