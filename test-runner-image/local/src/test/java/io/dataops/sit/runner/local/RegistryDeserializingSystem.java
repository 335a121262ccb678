package io.dataops.sit.runner.local;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.dataops.sit.api.RunContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A system under test the way a Kafka application with a registry deserializer is written: it reads topic
 * {@code args[0]} with Apicurio Registry's {@link AvroKafkaDeserializer}, configured as for Confluent-framed records
 * (the 4-byte id after the magic byte, looked up as the content id the Confluent-compatible API handed out), and
 * writes each record it decoded to topic {@code args[1]} as JSON ({@link GenericRecord#toString()}). It only knows
 * what the run injects: KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL.
 *
 * <p>Apicurio's serdes of this build (2.6, the version the Quarkus BOM manages) talk to the registry's own v2 API,
 * not the Confluent-compatible one: the URL is the same registry with that API's path.
 */
public final class RegistryDeserializingSystem {

    private RegistryDeserializingSystem() {}

    public static void main(String[] args) {
        String from = args[0];
        String to = args[1];
        String bootstrap = System.getenv(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS);
        String registry = System.getenv(RunContract.ENV_SCHEMA_REGISTRY_URL);
        if (bootstrap == null || registry == null) {
            System.out.println("registry-system: KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL must be set");
            System.exit(2);
        }
        String apicurioApi = registry.replace(RunContract.SCHEMA_REGISTRY_API_PATH, "/apis/registry/v2");

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "registry-system");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class.getName());
        consumerProps.put(SerdeConfig.REGISTRY_URL, apicurioApi);
        consumerProps.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, "true");
        consumerProps.put(SerdeConfig.USE_ID, "contentId");
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

        try (KafkaConsumer<byte[], GenericRecord> consumer = new KafkaConsumer<>(consumerProps);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            consumer.subscribe(List.of(from));
            System.out.println("registry-system: reading " + from + " with " + AvroKafkaDeserializer.class.getName()
                    + " from " + apicurioApi);
            while (true) {
                ConsumerRecords<byte[], GenericRecord> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<byte[], GenericRecord> record : records) {
                    String json = record.value().toString();
                    System.out.println("registry-system: decoded " + json);
                    ProducerRecord<byte[], byte[]> out =
                            new ProducerRecord<>(to, record.key(), json.getBytes(StandardCharsets.UTF_8));
                    // the runner pairs input and output records by this header (latency, "finished processing")
                    record.headers().forEach(h -> out.headers().add(h));
                    producer.send(out);
                }
                producer.flush();
                // the runner's "finished processing" waits for this group's lag to reach 0
                consumer.commitSync();
            }
        }
    }
}
