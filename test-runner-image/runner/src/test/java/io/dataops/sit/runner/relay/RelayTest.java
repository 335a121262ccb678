package io.dataops.sit.runner.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.runner.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The relay keeps keys and headers, filters by predicate, and stops after --max-records. */
class RelayTest {

    @Test
    void copiesMatchingRecordsWithKeysAndHeadersThenStops() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String from = "relay_in_" + UUID.randomUUID().toString().substring(0, 8);
        String to = "relay_out_" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer())) {
            for (int i = 1; i <= 6; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>(from, "k" + i, "{\"n\": " + i + "}");
                r.headers().add("trace", ("t" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
        }
        Relay relay = new Relay(RelayCommand.parse(
                        new String[] {
                            "--from",
                            from,
                            "--to",
                            to,
                            "--filter",
                            "@.n in [2, 4, 6]",
                            "--max-records",
                            "2",
                            "--bootstrap",
                            bootstrap
                        },
                        null))
                .start();
        try {
            assertThat(relay.awaitAssigned(Duration.ofSeconds(60)))
                    .as("the relay's consumer gets its partitions")
                    .isTrue();
            assertThat(relay.awaitStopped(Duration.ofSeconds(60)))
                    .as("relay stops after --max-records")
                    .isTrue();
            assertThat(relay.hasStopped()).isTrue();
        } finally {
            relay.close();
        }
        assertThat(relay.relayed()).isEqualTo(2);

        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        bootstrap,
                        "group.id",
                        "check-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(to));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= 2;
            });
        }
        assertThat(out).extracting(ConsumerRecord::key).containsExactly("k2", "k4");
        assertThat(new String(out.get(0).headers().lastHeader("trace").value(), StandardCharsets.UTF_8))
                .isEqualTo("t2");
        assertThat(out.get(0).headers().lastHeader("sit-correlation-id"))
                .as("a correlation id is added when missing")
                .isNotNull();
    }
}
