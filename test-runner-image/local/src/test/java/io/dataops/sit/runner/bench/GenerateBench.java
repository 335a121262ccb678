package io.dataops.sit.runner.bench;

import io.dataops.sit.runner.data.AvroCodec;
import io.dataops.sit.runner.data.synthetic.SyntheticRecords;
import io.dataops.sit.runner.embedded.EmbeddedKafka;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Generating records into a topic: "N records generated from schema ... / published to Kafka topic" (generate from an
 * Avro schema with Datafaker values, encode, publish with the step's producer) versus Kafka's ProducerPerformance
 * sending records of the same average size to the same embedded broker. Generation must not be the bottleneck.
 * Usage: GenerateBench [records] [rounds]. Prints both and the ratio (target >= 0.8).
 */
public final class GenerateBench {

    static final Schema ORDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "bench", "fields": [
              {"name": "id", "type": "long"},
              {"name": "order_id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "email", "type": "string"},
              {"name": "first_name", "type": "string"},
              {"name": "last_name", "type": "string"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "SHIPPED", "CLOSED"]}},
              {"name": "quantity", "type": "int"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "ordered_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "city", "type": "string"},
              {"name": "currency", "type": "string"}
            ]}""");

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            List<NewTopic> topics = new ArrayList<>();
            for (int r = 0; r <= rounds; r++) {
                topics.add(new NewTopic("generated_" + r, 1, (short) 1));
                topics.add(new NewTopic("reference_" + r, 1, (short) 1));
            }
            kafka.createTopics(topics);
            // The step's producer, called as the publish step calls it (package-private: reflection).
            Method produce = Class.forName("io.dataops.sit.runner.steps.KafkaIo")
                    .getDeclaredMethod("produce", String.class, String.class, List.class);
            produce.setAccessible(true);
            generateAndPublish(produce, bootstrap, "generated_0", Math.min(records, 50_000), 1); // JIT warm-up
            double bestOurs = 0;
            double bestRef = 0;
            for (int r = 1; r <= rounds; r++) {
                long t0 = System.nanoTime();
                int averageSize = generateAndPublish(produce, bootstrap, "generated_" + r, records, r);
                double ours = records / ((System.nanoTime() - t0) / 1e9);
                double ref = ProduceBench.producerPerformance(bootstrap, "reference_" + r, records, averageSize);
                System.out.printf(
                        "round %d: generate + publish %,.0f records/s (%d bytes average), ProducerPerformance %,.0f"
                                + " records/s%n",
                        r, ours, averageSize, ref);
                bestOurs = Math.max(bestOurs, ours);
                bestRef = Math.max(bestRef, ref);
            }
            System.out.printf(
                    "RESULT generate: generate + publish %,.0f records/s, ProducerPerformance %,.0f records/s, "
                            + "ratio %.2f (target >= 0.8)%n",
                    bestOurs, bestRef, bestOurs / bestRef);
        }
    }

    /** What the two steps do; returns the average encoded size. */
    private static int generateAndPublish(Method produce, String bootstrap, String topic, int n, long seed)
            throws Exception {
        var generated = SyntheticRecords.fromAvro(ORDER, SyntheticRecords.Request.of(n, seed));
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(n);
        long bytes = 0;
        int i = 0;
        for (Map<String, Object> values : generated.records()) {
            byte[] value = AvroCodec.encode(values, ORDER, "generated record " + ++i);
            bytes += value.length;
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, value);
            record.headers().add("sit-correlation-id", ("c-" + i).getBytes(StandardCharsets.UTF_8));
            batch.add(record);
        }
        produce.invoke(null, bootstrap, topic, batch);
        return (int) (bytes / n);
    }
}
