package io.dataops.sit.runner.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.runner.testing.SharedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** "finished processing" against a real broker: a started system that has not read its input yet is not finished. */
class SettleTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration BROKER_TIMEOUT = StepSettings.defaults().brokerTimeout();

    @Test
    void publishedTopicNobodyReadIsNotSettledOnceASystemWasStarted() throws Exception {
        String topic = "settle-unread";
        SharedKafka.deleteTopics(List.of(topic));
        publish(topic, 2);

        assertThat(KafkaIo.awaitSettled(
                        SharedKafka.bootstrapServers(),
                        List.of(topic),
                        QUIET,
                        Duration.ofSeconds(3),
                        true,
                        BROKER_TIMEOUT))
                .as("no group has read it yet")
                .isFalse();
        // Without a started system nothing is expected to read it: quiet topics are enough, as before.
        assertThat(KafkaIo.awaitSettled(
                        SharedKafka.bootstrapServers(),
                        List.of(topic),
                        QUIET,
                        Duration.ofSeconds(10),
                        false,
                        BROKER_TIMEOUT))
                .isTrue();

        readAndCommit(topic, "settle-reader", 2);
        assertThat(KafkaIo.awaitSettled(
                        SharedKafka.bootstrapServers(),
                        List.of(topic),
                        QUIET,
                        Duration.ofSeconds(10),
                        true,
                        BROKER_TIMEOUT))
                .as("read and committed by a group")
                .isTrue();
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
