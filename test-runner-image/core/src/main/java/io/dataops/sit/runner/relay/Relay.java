package io.dataops.sit.runner.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.runner.data.AvroCodec;
import io.dataops.sit.runner.steps.JsonPredicate;
import io.dataops.sit.runner.steps.KafkaIo;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A tiny system under test: consumes one topic and re-publishes to another, keeping keys and headers
 * (so the correlation header survives for latency checks), optionally only records matching a JSON-path
 * predicate. Offsets are committed only after the copies are acknowledged, so "consumer caught up"
 * implies "output written" — the signal "finished processing" relies on.
 */
public final class Relay implements AutoCloseable {

    public record Options(
            String bootstrap, String from, String to, String filter, Schema schema, long maxRecords, String groupId) {}

    private final Options options;
    private final RelayTracing tracing;
    private final JsonPredicate filter;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong examined = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;

    /** Traced as the process's OpenTelemetry variables say ({@link RelayTracing#fromEnv}). */
    public Relay(Options options) {
        this(options, RelayTracing.fromEnv(System.getenv()));
    }

    /** @param tracing closed with the relay */
    public Relay(Options options, RelayTracing tracing) {
        this.options = options;
        this.tracing = tracing;
        this.filter = options.filter() == null ? null : JsonPredicate.parse(options.filter());
    }

    /** Runs on a daemon thread (tests and local mode); {@link #close()} stops it. */
    public Relay start() {
        thread = new Thread(this::runLoop, "sit-relay-" + options.from() + "-" + options.to());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    public long relayed() {
        return relayed.get();
    }

    /** Runs on the calling thread until closed, interrupted or max records relayed. */
    public void runLoop() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        // Closing waits for the fetch in flight: 100 ms instead of the default 500 ms when the relay stops.
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        try (KafkaConsumer<byte[], byte[]> kc = new KafkaConsumer<>(c);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            consumer = kc;
            kc.subscribe(List.of(options.from()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned.countDown();
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // offsets are committed after every batch: nothing to hand over
                }
            });
            log("relaying " + options.from() + " -> " + options.to() + (filter == null ? "" : " where " + filter)
                    + (tracing.enabled() ? ", traced" : ""));
            while (running.get() && !Thread.currentThread().isInterrupted()) {
                ConsumerRecords<byte[], byte[]> records = kc.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    examined.incrementAndGet();
                    Span span = tracing.startProcess(r);
                    if (!matches(r.value())) {
                        RelayTracing.filteredOut(span);
                        span.end();
                        continue;
                    }
                    ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(options.to(), null, r.key(), r.value());
                    boolean hasCorrelation = false;
                    for (Header h : r.headers()) {
                        copy.headers().add(h.key(), h.value());
                        hasCorrelation |= h.key().equals(KafkaIo.CORRELATION_HEADER);
                    }
                    if (!hasCorrelation) {
                        copy.headers()
                                .add(
                                        KafkaIo.CORRELATION_HEADER,
                                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                    }
                    tracing.inject(span, copy.headers());
                    producer.send(copy);
                    span.end();
                    if (relayed.incrementAndGet() >= options.maxRecords()) {
                        running.set(false);
                        break;
                    }
                }
                producer.flush();
                kc.commitSync();
            }
            producer.flush();
            kc.commitSync();
        } catch (WakeupException e) {
            // close() woke the consumer: a normal stop
        } catch (RuntimeException e) {
            log("stopped by error: " + e);
        } finally {
            consumer = null;
            tracing.close();
            log("relayed " + relayed.get() + " of " + examined.get() + " records");
            stopped.countDown();
        }
    }

    private boolean matches(byte[] value) {
        if (filter == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        Object decoded = null;
        if (options.schema() != null) {
            decoded = AvroCodec.decodeOrNull(value, options.schema());
        }
        if (decoded == null) {
            try {
                decoded = new ObjectMapper().readValue(value, Object.class);
            } catch (IOException e) {
                return false;
            }
        }
        return filter.matches(decoded);
    }

    /**
     * Waits until the relay's consumer joined its group and got its partitions: from then on it reads whatever is
     * published (from the earliest offset), so a scenario may publish. False at the timeout or when the loop ended.
     */
    public boolean awaitAssigned(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (assigned.await(50, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (stopped.getCount() == 0) {
                return false;
            }
        }
        return false;
    }

    /** True once the loop ended (closed, max records, or an error it logged). */
    public boolean hasStopped() {
        return stopped.getCount() == 0;
    }

    /** Waits until the loop ended (after close() or max records). */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running.set(false);
        KafkaConsumer<byte[], byte[]> kc = consumer;
        if (kc != null) {
            kc.wakeup();
        }
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String message) {
        System.err.println("relay: " + message);
    }
}
