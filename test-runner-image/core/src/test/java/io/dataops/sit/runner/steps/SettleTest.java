package io.dataops.sit.runner.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.runner.testing.SharedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** "finished processing" against a real broker: a started system that has not read its input yet is not finished. */
class SettleTest {

    private static final StepSettings SETTINGS = StepSettings.defaults().withQuietPeriod(Duration.ofMillis(300));

    @Test
    void publishedTopicNobodyReadIsNotSettledOnceASystemWasStarted() throws Exception {
        String topic = "settle-unread";
        SharedKafka.deleteTopics(List.of(topic));
        publish(topic, 2);

        assertThat(KafkaIo.awaitSettled(
                        SharedKafka.bootstrapServers(),
                        List.of(topic),
                        null,
                        Instant.now(),
                        Duration.ofSeconds(3),
                        true,
                        SETTINGS))
                .as("no group has read it yet")
                .isFalse();
        // Without a started system nothing is expected to read it: quiet topics are enough, as before.
        assertThat(KafkaIo.awaitSettled(
                        SharedKafka.bootstrapServers(),
                        List.of(topic),
                        null,
                        Instant.now(),
                        Duration.ofSeconds(10),
                        false,
                        SETTINGS))
                .isTrue();

        readAndCommit(topic, "settle-reader", 2);
        assertThat(KafkaIo.awaitSettled(
                        SharedKafka.bootstrapServers(),
                        List.of(topic),
                        null,
                        Instant.now(),
                        Duration.ofSeconds(10),
                        true,
                        SETTINGS))
                .as("read and committed by a group")
                .isTrue();
    }

    @Test
    void aGroupDownstreamOfThePublishedTopicMustCatchUpToo() throws Exception {
        String input = "settle-chain-in";
        String middle = "settle-chain-middle";
        SharedKafka.deleteTopics(List.of(input, middle));
        publish(middle, 1); // exists before the scenario, with a record already read
        commit("settle-chain-b", middle, 1);
        Map<TopicPartition, Long> before =
                KafkaIo.endOffsetsOfAllTopics(SharedKafka.bootstrapServers(), SETTINGS.brokerTimeout());
        publish(input, 2);
        commit("settle-chain-a", input, 2); // system A read the input and wrote one record to the middle topic
        publish(middle, 1);

        assertThat(KafkaIo.awaitSettled(
                        SharedKafka.bootstrapServers(),
                        List.of(input),
                        before,
                        Instant.now(),
                        Duration.ofSeconds(3),
                        true,
                        SETTINGS))
                .as("system B has not read what A wrote to the middle topic")
                .isFalse();

        commit("settle-chain-b", middle, 2);
        assertThat(KafkaIo.awaitSettled(
                        SharedKafka.bootstrapServers(),
                        List.of(input),
                        before,
                        Instant.now(),
                        Duration.ofSeconds(10),
                        true,
                        SETTINGS))
                .as("both systems caught up")
                .isTrue();
    }

    @Test
    void theQuietPeriodIsTwiceTheCatchUpTimeWithinBoundsUnlessSetExplicitly() {
        StepSettings adaptive = StepSettings.defaults();
        assertThat(adaptive.quietPeriodAfter(Duration.ofMillis(20))).isEqualTo(Duration.ofMillis(250));
        assertThat(adaptive.quietPeriodAfter(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(800));
        assertThat(adaptive.quietPeriodAfter(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(2));
        StepSettings fixed = StepSettings.fromEnv(Map.of("SIT_QUIET_PERIOD_MS", "5000"));
        assertThat(fixed.quietPeriodAfter(Duration.ofMillis(20))).isEqualTo(Duration.ofSeconds(5));
    }

    /** Commits {@code offset} on the topic's single partition for the group, as a system that read that far. */
    private static void commit(String group, String topic, long offset) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    private static void publish(String topic, int records) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void readAndCommit(String topic, String group, int expected) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read < expected && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(read).isEqualTo(expected);
            consumer.commitSync();
        }
    }
}
