package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.runner.testing.GeneratorSchemas;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation steps in scenarios against a real broker: Avro and JSON Schema, overrides, invalid records. */
class GeneratedDataScenarioTest {

    @TempDir
    Path features;

    @Test
    void generatedRecordsArePublishedInvalidOnesAsTheyAre() throws Exception {
        String avroTopic = "generated_" + UUID.randomUUID().toString().substring(0, 8);
        String jsonTopic = avroTopic + "_json";
        TestEnv.write(features, "schemas/order.avsc", GeneratorSchemas.ORDER.toString(true));
        TestEnv.write(features, "schemas/order.schema.json", GeneratorSchemas.ORDER_JSON_SCHEMA);
        TestEnv.write(features, "generated.feature", """
                Feature: generated data
                  Scenario: Avro records from a schema, some of them broken on purpose
                    Given 200 records generated from schema schemas/order.avsc with seed 42 including 10%% boundary and 5%% invalid cases, where:
                      | status        | CLOSED |
                      | customer.city | Gent   |
                    And published to Kafka topic: %1$s
                    When result consumed from Kafka topic on checkpoint: %1$s
                    Then the result contains 200 records with tolerance of +/- 0
                    And an event matching "@.status == 'CLOSED' && @.customer.city == 'Gent'" arrives on topic %1$s within 10 seconds

                  Scenario: JSON records with overrides
                    Given 50 records generated from schema schemas/order.schema.json with seed 7, where:
                      | field  | value or generator |
                      | status | one of SHIPPED     |
                      | amount | between 1 and 2    |
                    And published to Kafka topic: %2$s
                    When result consumed from Kafka topic on checkpoint: %2$s
                    Then the result contains 50 records with tolerance of +/- 0
                    And no event matching "@.status == 'NEW' || @.amount > 2" arrives on topic %2$s for 1 seconds
                """.formatted(avroTopic, jsonTopic));
        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds()).hasSize(4);
    }

    @Test
    void anUnknownFieldInTheOverridesIsBadInputNamingTheFields() throws Exception {
        TestEnv.write(features, "schemas/order.avsc", GeneratorSchemas.ORDER.toString(true));
        TestEnv.write(features, "bad.feature", """
                Feature: bad overrides
                  Scenario: a typo in a field name
                    Given 5 records generated from schema schemas/order.avsc with seed 1, where:
                      | colour | red |
                """);

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BadInput");
        assertThat(result.getMessage()).contains("colour").contains("customer.city");
    }
}
