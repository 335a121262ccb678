package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.report.ExitCodes;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.relay.Relay;
import io.dataops.sit.runner.testing.AvroFixtures;
import io.dataops.sit.runner.testing.SharedKafka;
import io.dataops.sit.runner.testing.TestEnv;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed article's scenario, exactly as written, against a real broker; the relay plays the
 * transformation product_1 (input_topic_1 -> product_v1). Fixtures sit flat in the features folder, as
 * mounted from a ConfigMap, so the written paths resolve by file name.
 */
class SeedScenarioTest {

    static final String SEED_FEATURE = """
            Feature: Product 1
              Process the input messages from input_topic_1 and publish the resulting
              data product in product_v1.

              Scenario: Basic Message
                Given sample data is loaded from: tests/fixtures/input_topic.avro
                And with schema: test/fixtures/input_topic_v1_0.avsc
                And published to Kafka topic: input_topic_1

                When glue job started: product_1
                And finished processing
                And result consumed from Kafka topic on checkpoint: product_v1

                Then the result contains 2 records with tolerance of +/- 1
            """;

    @TempDir
    Path features;

    Relay product1;

    @BeforeEach
    void freshTopicsAndRelay() throws Exception {
        SharedKafka.deleteTopics(List.of("input_topic_1", "product_v1"));
        product1 = new Relay(new Relay.Options(
                        SharedKafka.bootstrapServers(),
                        "input_topic_1",
                        "product_v1",
                        null,
                        null,
                        Long.MAX_VALUE,
                        "product_1-" + UUID.randomUUID()))
                .start();
        TestEnv.write(features, "product_1.feature", SEED_FEATURE);
        AvroFixtures.writeSchema(features.resolve("input_topic_v1_0.avsc"));
    }

    @AfterEach
    void stopRelay() {
        product1.close();
    }

    @Test
    void seedScenarioPassesWhenTheTransformationKeepsTheRecords() throws Exception {
        AvroFixtures.writeRecords(features.resolve("input_topic.avro"), 2);

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(ExitCodes.of(result)).isZero();
        assertThat(result.getScenarios().getTotal()).isEqualTo(1);
        assertThat(result.getScenarios().getPassed()).isEqualTo(1);
        assertThat(result.getScenarioResults().get(0).getName()).isEqualTo("Basic Message");
        assertThat(result.getScenarioResults().get(0).getDurationMillis()).isPositive();
        ThresholdResult threshold = result.getThresholds().get(0);
        assertThat(threshold.getScenario()).isEqualTo("Basic Message");
        assertThat(threshold.getExpected()).isEqualByComparingTo("2");
        assertThat(threshold.getTolerance()).isEqualByComparingTo("1");
        assertThat(threshold.getToleranceUnit()).isEqualTo("absolute");
        assertThat(threshold.getActual()).isEqualByComparingTo("2");
        assertThat(threshold.isPassed()).isTrue();
    }

    @Test
    void seedScenarioFailsWithTheActualCountWhenTheFixtureDoesNotSatisfyIt() throws Exception {
        AvroFixtures.writeRecords(features.resolve("input_topic.avro"), 5);

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getReason()).isEqualTo("ThresholdsFailed");
        assertThat(ExitCodes.of(result)).isEqualTo(1);
        assertThat(result.getMessage()).contains("product_v1").contains("actual 5");
        ThresholdResult threshold = result.getThresholds().get(0);
        assertThat(threshold.getActual()).isEqualTo(BigDecimal.valueOf(5));
        assertThat(threshold.isPassed()).isFalse();
        assertThat(result.getScenarioResults().get(0).getStatus()).isEqualTo("failed");
        assertThat(result.getScenarioResults().get(0).getMessage())
                .contains("product_1.feature:14")
                .contains("actual 5");
    }
}
