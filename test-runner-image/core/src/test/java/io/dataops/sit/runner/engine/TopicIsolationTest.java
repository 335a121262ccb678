package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.runner.testing.SharedKafka;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario tagged @isolated reads every topic from the end offsets it had when the scenario started, on a real
 * broker: what earlier scenarios (and whatever wrote before the run) left there is invisible to its thresholds and
 * contracts; an untagged scenario still reads every topic from its beginning.
 */
class TopicIsolationTest {

    @TempDir
    Path features;

    @Test
    void anIsolatedScenarioDoesNotSeeWhatEarlierScenariosPublished() throws Exception {
        String topic = "isolation_" + UUID.randomUUID().toString().substring(0, 8);
        String created = topic + "_new";
        // three partitions, each holding a record before the run: the checkpoint is per partition
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int partition = 0; partition < 3; partition++) {
                producer.send(new ProducerRecord<>(
                                topic,
                                partition,
                                null,
                                ("{\"id\": \"before-run-" + partition + "\", \"status\": \"REJECTED\"}")
                                        .getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        TestEnv.write(features, "order.schema.json", """
                {"type": "object", "required": ["id", "amount"],
                 "properties": {"id": {"type": "string"}, "amount": {"type": "number"}}}""");
        TestEnv.write(features, "isolation.feature", """
                Feature: topic isolation
                  Scenario: an earlier scenario leaves records without an amount
                    Given sample data is:
                      \"\"\"
                      {"id": "early-1", "status": "REJECTED"}
                      {"id": "early-2", "status": "NEW"}
                      \"\"\"
                    And published to Kafka topic: %1$s

                  @isolated
                  Scenario: sees only its own records
                    Given sample data is:
                      \"\"\"
                      {"id": "own-1", "status": "NEW", "amount": 1}
                      {"id": "own-2", "status": "NEW", "amount": 2}
                      {"id": "own-3", "status": "NEW", "amount": 3}
                      {"id": "own-4", "status": "NEW", "amount": 4}
                      \"\"\"
                    And published to Kafka topic: %1$s
                    When result consumed from Kafka topic on checkpoint: %1$s
                    Then the result contains 4 records with tolerance of +/- 0
                    And the result contains 4 records with tolerance of +/- 0 within 5 seconds
                    And no event matching "@.status == 'REJECTED'" arrives on topic %1$s for 1 seconds
                    And an event matching "@.id == 'own-4'" arrives on topic %1$s within 10 seconds
                    And every record on topic %1$s matches schema order.schema.json

                  @isolated
                  Scenario: a topic created during the scenario is read from its beginning
                    Given sample data is:
                      \"\"\"
                      {"id": "new-1", "amount": 1}
                      \"\"\"
                    And published to Kafka topic: %2$s
                    When result consumed from Kafka topic on checkpoint: %2$s
                    Then the result contains 1 record with tolerance of +/- 0

                  @isolated
                  Scenario: nothing was published since it started
                    When result consumed from Kafka topic on checkpoint: %1$s
                    Then the result contains 0 records with tolerance of +/- 0
                    And every record on topic %1$s matches schema order.schema.json

                  Scenario: untagged, reads every topic from its beginning
                    When result consumed from Kafka topic on checkpoint: %1$s
                    Then the result contains 9 records with tolerance of +/- 0
                    And an event matching "@.id == 'before-run-2'" arrives on topic %1$s within 10 seconds
                """.formatted(topic, created));

        RunnerResult result =
                new ScenarioEngine(TestEnv.fastSettings(), false).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds())
                .extracting(t -> tuple(t.getScenario(), t.getActual().intValue()))
                .containsExactly(
                        tuple("sees only its own records", 4),
                        tuple("sees only its own records", 4),
                        tuple("sees only its own records", 0),
                        tuple("sees only its own records", 1),
                        tuple("sees only its own records", 4),
                        tuple("a topic created during the scenario is read from its beginning", 1),
                        tuple("nothing was published since it started", 0),
                        tuple("nothing was published since it started", 0),
                        tuple("untagged, reads every topic from its beginning", 9),
                        tuple("untagged, reads every topic from its beginning", 1));
        assertThat(result.getThresholds().get(7).getMessage())
                .isEqualTo("the topic got no record since the scenario started (@isolated)");
    }

    @Test
    void anUntaggedScenarioCountsWhatEarlierScenariosLeft() throws Exception {
        String topic = "shared_" + UUID.randomUUID().toString().substring(0, 8);
        TestEnv.write(features, "shared.feature", """
                Feature: no isolation
                  Scenario: leaves two records
                    Given sample data is:
                      \"\"\"
                      {"id": "a"}
                      {"id": "b"}
                      \"\"\"
                    And published to Kafka topic: %1$s

                  Scenario: publishes one and counts three
                    Given sample data is:
                      \"\"\"
                      {"id": "c"}
                      \"\"\"
                    And published to Kafka topic: %1$s
                    When result consumed from Kafka topic on checkpoint: %1$s
                    Then the result contains 1 record with tolerance of +/- 0
                """.formatted(topic));

        RunnerResult result =
                new ScenarioEngine(TestEnv.fastSettings(), false).run(TestEnv.kafkaOnly(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getThresholds()).singleElement().satisfies(t -> {
            assertThat(t.isPassed()).isFalse();
            assertThat(t.getActual()).isEqualByComparingTo("3");
        });
    }

    @Test
    void anIsolatedScenarioWithNothingToIsolateIsBadInput() throws Exception {
        TestEnv.write(features, "nothing.feature", """
                Feature: nothing to isolate
                  @isolated
                  Scenario: no broker, no database
                    Given sample data is:
                      \"\"\"
                      {"id": "a"}
                      \"\"\"
                """);

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(TestEnv.noBroker(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BadInput");
        assertThat(result.getMessage()).contains("no broker and no database to isolate");
    }
}
