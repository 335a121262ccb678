package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.testing.GeneratorSchemas;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contracts against a real broker: output topics checked against Avro and JSON Schema, fixtures before publishing. */
class ContractStepsTest {

    @TempDir
    Path features;

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void recordsThatBreakTheContractAreCountedAndNamed() throws Exception {
        String good = unique("contract_good");
        String mixed = unique("contract_mixed");
        TestEnv.write(features, "order.avsc", GeneratorSchemas.ORDER.toString(true));
        TestEnv.write(features, "order.schema.json", GeneratorSchemas.ORDER_JSON_SCHEMA);
        TestEnv.write(features, "contract.feature", """
                Feature: contracts
                  Scenario: valid Avro output
                    Given 40 records generated from schema order.avsc with seed 1
                    And published to Kafka topic: %1$s
                    Then every record on topic %1$s matches schema order.avsc

                  Scenario: some records broken
                    Given 40 records generated from schema order.avsc with seed 2 including 0%% boundary and 10%% invalid cases
                    And published to Kafka topic: %2$s
                    Then every record on topic %2$s matches schema order.avsc

                  Scenario: JSON output against a JSON Schema
                    Given 30 records generated from schema order.schema.json with seed 3 including 20%% boundary and 10%% invalid cases
                    And published to Kafka topic: %2$s_json
                    Then every record on topic %2$s_json matches schema order.schema.json
                """.formatted(good, mixed));

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getThresholds()).hasSize(3);
        ThresholdResult valid = result.getThresholds().get(0);
        assertThat(valid.isPassed()).isTrue();
        assertThat(valid.getActual()).isEqualByComparingTo("40");
        ThresholdResult broken = result.getThresholds().get(1);
        assertThat(broken.isPassed()).isFalse();
        assertThat(broken.getExpected()).isEqualByComparingTo("40");
        assertThat(broken.getActual()).isEqualByComparingTo("36");
        assertThat(broken.getMessage())
                .startsWith("4 of 40 records do not match")
                .contains("offset")
                .contains("not one shop.Order record");
        ThresholdResult json = result.getThresholds().get(2);
        assertThat(json.isPassed()).isFalse();
        assertThat(json.getActual()).isEqualByComparingTo("27");
        assertThat(json.getMessage()).startsWith("3 of 30 records do not match").contains("$.");
    }

    @Test
    void aFixtureThatBreaksItsJsonSchemaPublishesNothing() throws Exception {
        String topic = unique("contract_fixture");
        TestEnv.write(features, "order.schema.json", GeneratorSchemas.ORDER_JSON_SCHEMA);
        TestEnv.write(features, "orders.jsonl", """
                {"id": 1, "email": "a@example.org", "status": "NEW", "amount": 10}
                {"id": 2, "email": "b@example.org", "status": "LOST", "amount": 900}
                """);
        TestEnv.write(features, "fixture.feature", """
                Feature: fixtures checked first
                  Scenario: a bad second record
                    Given sample data is loaded from: orders.jsonl
                    And with schema: order.schema.json
                    And published to Kafka topic: %1$s

                  Scenario: nothing arrived
                    When result consumed from Kafka topic on checkpoint: %1$s
                    Then the result contains 0 records with tolerance of +/- 0
                """.formatted(topic));

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("SchemaMismatch");
        assertThat(result.getMessage())
                .contains("orders.jsonl record 2 does not match order.schema.json")
                .contains("$.status")
                .contains("$.amount")
                .contains("nothing was published")
                .doesNotContain("LOST");
        assertThat(result.getThresholds())
                .singleElement()
                .satisfies(t -> assertThat(t.isPassed()).isTrue());
    }

    @Test
    void schemaEvolutionIsCheckedTheWayARegistryChecksBackwardCompatibility() throws Exception {
        TestEnv.write(features, "v1.avsc", """
                {"type": "record", "name": "Product", "fields": [{"name": "id", "type": "string"}]}""");
        TestEnv.write(features, "v2.avsc", """
                {"type": "record", "name": "Product", "fields": [{"name": "id", "type": "string"},
                  {"name": "price", "type": "double", "default": 0}]}""");
        TestEnv.write(features, "v3.avsc", """
                {"type": "record", "name": "Product", "fields": [{"name": "id", "type": "string"},
                  {"name": "price", "type": "double"}]}""");
        TestEnv.write(features, "evolution.feature", """
                Feature: evolution
                  Scenario: a field with a default
                    Then schema v2.avsc is backward compatible with v1.avsc

                  Scenario: a field without one
                    Then schema v3.avsc is backward compatible with v1.avsc
                """);

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.noBroker(), features, null);

        assertThat(result.getThresholds()).extracting(ThresholdResult::isPassed).containsExactly(true, false);
        assertThat(result.getThresholds().get(1).getMessage())
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("price");
    }

    @Test
    void jsonSchemaEvolutionIsJudgedRuleByRuleAndNamesWhereItBroke() throws Exception {
        TestEnv.write(features, "schemas/order_v1.schema.json", """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "type": "object", "required": ["id"], "additionalProperties": false,
                 "properties": {"id": {"type": "integer"}, "status": {"enum": ["NEW", "SHIPPED"]},
                                "note": {"type": "string"}}}""");
        TestEnv.write(features, "schemas/order_v2.schema.json", """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "type": "object", "required": ["id"], "additionalProperties": false,
                 "properties": {"id": {"type": "number"}, "status": {"enum": ["NEW", "SHIPPED", "CLOSED"]},
                                "note": {"type": "string"}, "channel": {"type": "string"}}}""");
        TestEnv.write(features, "schemas/order_v3.schema.json", """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "type": "object", "required": ["id", "channel"], "additionalProperties": false,
                 "properties": {"id": {"type": "integer"}, "status": {"enum": ["NEW"]},
                                "channel": {"type": "string"}}}""");
        TestEnv.write(features, "schemas/broken.schema.json", "{\"type\": \"text\"}");
        TestEnv.write(features, "v1.avsc", """
                {"type": "record", "name": "Product", "fields": [{"name": "id", "type": "string"}]}""");
        TestEnv.write(features, "evolution.feature", """
                Feature: JSON Schema evolution
                  Scenario: widened and a closed object gained an optional property
                    Then schema schemas/order_v2.schema.json is backward compatible with schemas/order_v1.schema.json

                  Scenario: a required property, a removed enum value and a property gone from a closed object
                    Then schema schemas/order_v3.schema.json is backward compatible with schemas/order_v1.schema.json

                  Scenario: an Avro schema against a JSON Schema
                    Then schema v1.avsc is backward compatible with schemas/order_v1.schema.json

                  Scenario: not a JSON Schema
                    Then schema schemas/broken.schema.json is backward compatible with schemas/order_v1.schema.json
                """);

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.noBroker(), features, null);

        assertThat(result.getThresholds()).extracting(ThresholdResult::isPassed).containsExactly(true, false);
        assertThat(result.getThresholds().get(1).getMessage())
                .isEqualTo("REQUIRED_ADDED at #/required: 'channel' is required by the new schema, optional in the old"
                        + " one | ENUM_VALUE_REMOVED at #/properties/status/enum: the old value \"SHIPPED\" fails the new"
                        + " schema: $: does not have a value in the enumeration [\"NEW\"]"
                        + " | PROPERTY_REMOVED_FROM_CLOSED_OBJECT at #/properties/note: 'note' is gone from the new"
                        + " schema, whose additionalProperties is false: old documents carrying it are rejected");
        assertThat(result.getScenarioResults())
                .extracting(ScenarioResult::getStatus)
                .containsExactly("passed", "failed", "error", "error");
        assertThat(result.getReason()).isEqualTo("BadInput");
        assertThat(result.getScenarioResults().get(2).getMessage())
                .contains("compare an Avro schema (.avsc) with an Avro schema");
        assertThat(result.getScenarioResults().get(3).getMessage())
                .contains(
                        "broken.schema.json is not a valid JSON Schema (https://json-schema.org/draft/2020-12/schema)");
    }
}
