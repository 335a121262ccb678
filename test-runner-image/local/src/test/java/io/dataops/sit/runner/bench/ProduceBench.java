package io.dataops.sit.runner.bench;

import io.dataops.sit.runner.embedded.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Producing throughput: the publish step's code path (steps.KafkaIo.produce: the step's producer
 * settings, acks=all, one correlation header per record, every send awaited) versus Kafka's own
 * ProducerPerformance with the same acks/linger against the same embedded broker.
 * Usage: ProduceBench [records] [recordSize] [rounds]. Prints both and the ratio (target >= 0.8).
 */
public final class ProduceBench {

    private static final Pattern RATE = Pattern.compile("([0-9]+) records sent, ([0-9.]+) records/sec");

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            List<NewTopic> topics = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                topics.add(new NewTopic("bench_ours_" + r, 1, (short) 1));
                topics.add(new NewTopic("bench_ref_" + r, 1, (short) 1));
            }
            kafka.createTopics(topics);
            // The step's producer, called as the publish step calls it (package-private: reflection).
            Method produce = Class.forName("io.dataops.sit.runner.steps.KafkaIo")
                    .getDeclaredMethod("produce", String.class, String.class, List.class);
            produce.setAccessible(true);
            // Uncounted warm-up of this JVM's JIT (it also hosts the broker); ProducerPerformance warms up
            // within its own long run.
            kafka.createTopics(List.of(new NewTopic("bench_warmup", 1, (short) 1)));
            produce.invoke(null, bootstrap, "bench_warmup", records("bench_warmup", Math.min(records, 100_000), size));
            double bestOurs = 0;
            double bestRef = 0;
            for (int r = 1; r <= rounds; r++) {
                List<ProducerRecord<byte[], byte[]>> batch = records("bench_ours_" + r, records, size);
                long t0 = System.nanoTime();
                List<?> produced = (List<?>) produce.invoke(null, bootstrap, "bench_ours_" + r, batch);
                double ours = produced.size() / ((System.nanoTime() - t0) / 1e9);
                double ref = producerPerformance(bootstrap, "bench_ref_" + r, records, size);
                System.out.printf(
                        "round %d: publish step %,.0f records/s, ProducerPerformance %,.0f records/s%n", r, ours, ref);
                bestOurs = Math.max(bestOurs, ours);
                bestRef = Math.max(bestRef, ref);
            }
            System.out.printf(
                    "RESULT produce: publish step %,.0f records/s, ProducerPerformance %,.0f records/s, "
                            + "ratio %.2f (target >= 0.8)%n",
                    bestOurs, bestRef, bestOurs / bestRef);
        }
    }

    private static List<ProducerRecord<byte[], byte[]>> records(String topic, int n, int size) {
        Random random = new Random(7);
        List<ProducerRecord<byte[], byte[]>> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, value);
            record.headers().add("sit-correlation-id", ("c-" + i).getBytes(StandardCharsets.UTF_8));
            list.add(record);
        }
        return list;
    }

    /** Kafka's tool in its own JVM, as kafka-producer-perf-test.sh runs it. */
    static double producerPerformance(String bootstrap, String topic, int n, int size) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.ProducerPerformance",
                        "--topic",
                        topic,
                        "--num-records",
                        String.valueOf(n),
                        "--record-size",
                        String.valueOf(size),
                        "--throughput",
                        "-1",
                        "--producer-props",
                        "bootstrap.servers=" + bootstrap,
                        "acks=all",
                        "linger.ms=5")
                .redirectErrorStream(true)
                .start();
        double rate = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = RATE.matcher(line);
                if (m.find() && Long.parseLong(m.group(1)) == n) {
                    rate = Double.parseDouble(m.group(2));
                }
            }
        }
        if (p.waitFor() != 0 || rate < 0) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + p.exitValue() + ")");
        }
        return rate;
    }
}
