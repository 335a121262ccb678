package io.dataops.sit.runner.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.runner.data.AvroCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka operations the steps need: produce, read a topic up to a checkpoint, poll for matches, wait to settle. */
public final class KafkaIo {

    /** Header carrying a per-record id, kept by the relay, so produced and consumed records can be paired. */
    public static final String CORRELATION_HEADER = "sit-correlation-id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaIo() {}

    public record Produced(String correlationId, byte[] key, long timestamp, int partition, long offset) {}

    /** A consumed record; {@code value} is the decoded value (Map/List/String/number). */
    public record Consumed(
            String topic,
            int partition,
            long offset,
            long timestamp,
            byte[] key,
            Map<String, String> headers,
            Object value) {
        public String correlationId() {
            return headers.get(CORRELATION_HEADER);
        }

        public String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }
    }

    static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return Admin.create(props);
    }

    /** Fails fast with BrokerUnreachable instead of letting a producer block for minutes. */
    static void requireReachable(Admin admin, String bootstrap, Duration timeout) {
        try {
            // The call's own timeout matters too: Admin.close() waits for calls still in flight.
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepError(RunReason.BROKER_UNREACHABLE, "interrupted while reaching Kafka at " + bootstrap);
        } catch (ExecutionException | TimeoutException e) {
            throw new StepError(
                    RunReason.BROKER_UNREACHABLE,
                    "Kafka broker at " + bootstrap + " is unreachable (" + timeout.toSeconds() + "s): "
                            + (e.getCause() != null ? e.getCause() : e));
        }
    }

    static void ensureTopic(Admin admin, String topic) {
        try {
            if (admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StepError(RunReason.BROKER_UNREACHABLE, "cannot create topic " + topic + ": " + e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new StepError(RunReason.BROKER_UNREACHABLE, "timed out creating topic " + topic);
        }
    }

    static List<Produced> produce(String bootstrap, String topic, List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        List<Produced> produced = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                futures.add(producer.send(record));
            }
            producer.flush();
            for (int i = 0; i < futures.size(); i++) {
                RecordMetadata md = futures.get(i).get(60, TimeUnit.SECONDS);
                Header h = records.get(i).headers().lastHeader(CORRELATION_HEADER);
                produced.add(new Produced(
                        h == null ? null : new String(h.value(), StandardCharsets.UTF_8),
                        records.get(i).key(),
                        md.timestamp(),
                        md.partition(),
                        md.offset()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new StepError(
                    RunReason.BROKER_UNREACHABLE,
                    "cannot publish to " + topic + " at " + bootstrap + ": "
                            + (e.getCause() != null ? e.getCause() : e));
        }
        return produced;
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new GrouplessConsumer(props);
    }

    /**
     * The steps' consumers read by assignment, in no group: closing one has nothing to commit and no group to
     * leave, yet the default close waits for the fetch still long-polling the broker (fetch.max.wait.ms, 500 ms),
     * half a second on every checkpoint read.
     */
    private static final class GrouplessConsumer extends KafkaConsumer<byte[], byte[]> {
        GrouplessConsumer(Properties props) {
            super(props);
        }

        @Override
        public void close() {
            close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    /** A record as the broker holds it: for contracts, which judge the bytes themselves. */
    public record RawRecord(int partition, long offset, byte[] value) {}

    /**
     * Reads the topic from {@code from} (a partition's offset there, its beginning when absent: see
     * {@link ScenarioWorld#readsStartAt}) up to its end offsets at this moment (the checkpoint).
     */
    static List<Consumed> readToCheckpoint(
            String bootstrap,
            String topic,
            Map<TopicPartition, Long> from,
            Schema schemaHint,
            Duration timeout,
            Duration brokerTimeout) {
        return readToCheckpoint(bootstrap, topic, from, r -> decode(r, schemaHint), timeout, brokerTimeout);
    }

    /** As {@link #readToCheckpoint(String, String, Map, Schema, Duration, Duration)}, undecoded. */
    static List<RawRecord> readRawToCheckpoint(
            String bootstrap, String topic, Map<TopicPartition, Long> from, Duration timeout, Duration brokerTimeout) {
        return readToCheckpoint(
                bootstrap,
                topic,
                from,
                r -> new RawRecord(r.partition(), r.offset(), r.value()),
                timeout,
                brokerTimeout);
    }

    private static <T> List<T> readToCheckpoint(
            String bootstrap,
            String topic,
            Map<TopicPartition, Long> from,
            Function<ConsumerRecord<byte[], byte[]>, T> read,
            Duration timeout,
            Duration brokerTimeout) {
        try (Admin admin = admin(bootstrap);
                KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            requireReachable(admin, bootstrap, brokerTimeout);
            List<TopicPartition> partitions = partitions(consumer, topic);
            List<T> out = new ArrayList<>();
            if (partitions.isEmpty()) {
                return out;
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            consumer.assign(partitions);
            seekToStart(consumer, partitions, from);
            Instant deadline = Instant.now().plus(timeout);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new StepError(
                            RunReason.BROKER_UNREACHABLE,
                            "could not read " + topic + " up to its checkpoint " + end + " within "
                                    + timeout.toSeconds() + "s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Long limit = end.get(new TopicPartition(r.topic(), r.partition()));
                    if (limit != null && r.offset() < limit) {
                        out.add(read.apply(r));
                    }
                }
            }
            return out;
        }
    }

    /**
     * Positions each partition at its offset in {@code from}, or at its beginning when it has none (a partition
     * created after those offsets were taken). An offset the broker no longer holds (retention) falls back to the
     * beginning through auto.offset.reset=earliest.
     */
    private static void seekToStart(
            KafkaConsumer<?, ?> consumer, Collection<TopicPartition> partitions, Map<TopicPartition, Long> from) {
        List<TopicPartition> fromBeginning = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long offset = from.get(tp);
            if (offset == null) {
                fromBeginning.add(tp);
            } else {
                consumer.seek(tp, offset);
            }
        }
        if (!fromBeginning.isEmpty()) {
            consumer.seekToBeginning(fromBeginning);
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(15)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Outcome of polling a topic for a matching record. */
    public record PollOutcome(Consumed match, int examined, Duration waited) {}

    /** Reads the topic from {@code from} (see {@link #readToCheckpoint}) until a record matches or the time is up. */
    static PollOutcome pollForMatch(
            String bootstrap,
            String topic,
            Map<TopicPartition, Long> from,
            Schema schemaHint,
            Predicate<Consumed> matcher,
            Duration window,
            Duration brokerTimeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(window);
        int examined = 0;
        try (Admin admin = admin(bootstrap);
                KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            requireReachable(admin, bootstrap, brokerTimeout);
            Set<TopicPartition> assigned = Set.of();
            while (Instant.now().isBefore(deadline)) {
                if (assigned.isEmpty()) {
                    // The topic may not exist yet: keep looking until it does or the window ends.
                    List<TopicPartition> partitions = partitions(consumer, topic);
                    if (!partitions.isEmpty()) {
                        consumer.assign(partitions);
                        seekToStart(consumer, partitions, from);
                        assigned = Set.copyOf(partitions);
                    } else {
                        sleepQuietly(200);
                        continue;
                    }
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    examined++;
                    Consumed c = decode(r, schemaHint);
                    if (matcher.test(c)) {
                        return new PollOutcome(c, examined, Duration.between(start, Instant.now()));
                    }
                }
            }
        }
        return new PollOutcome(null, examined, Duration.between(start, Instant.now()));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True once processing settled, false at the deadline. Settled means:
     * <ul>
     *   <li>every consumer group is caught up on the published topics and on every topic that changed since
     *       {@code endsBefore} (the end offsets before the scenario published): a system downstream of another
     *       (A writes X, B reads X) is waited for by its offsets, not by luck of timing;
     *   <li>with {@code expectConsumers} (a system was started in this scenario), a published topic holding records
     *       has been read by some group: a consumer that has not joined yet has no offsets and cannot lag, so
     *       without this a slow-starting system looks "finished" before it read anything (seen on a real node);
     *   <li>no topic's end offset moved for the quiet period ({@link StepSettings#quietPeriodAfter}): it covers a
     *       system that commits its input before it writes its output.
     * </ul>
     *
     * @param endsBefore        end offsets before the scenario published, or null: then the first look is the
     *                          baseline
     * @param processingSince   when the work began (the scenario's last publish): the catch-up time is counted
     *                          from here
     */
    static boolean awaitSettled(
            String bootstrap,
            Collection<String> publishedTopics,
            Map<TopicPartition, Long> endsBefore,
            Instant processingSince,
            Duration timeout,
            boolean expectConsumers,
            StepSettings settings) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = admin(bootstrap)) {
            requireReachable(admin, bootstrap, settings.brokerTimeout());
            Map<TopicPartition, Long> baseline = endsBefore;
            Map<TopicPartition, Long> lastEnds = null;
            Instant lastChange = Instant.now();
            Instant caughtUpAt = null;
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, Long> ends = endOffsetsOfAllTopics(admin);
                Instant now = Instant.now();
                if (baseline == null) {
                    baseline = ends;
                }
                if (!ends.equals(lastEnds)) {
                    lastEnds = ends;
                    lastChange = now;
                }
                Set<String> watched = new HashSet<>(publishedTopics);
                watched.addAll(changedTopics(baseline, ends));
                if (groupsCaughtUp(admin, watched, publishedTopics, ends, expectConsumers)) {
                    caughtUpAt = caughtUpAt == null ? now : caughtUpAt;
                    Duration quiet = settings.quietPeriodAfter(Duration.between(processingSince, caughtUpAt));
                    if (Duration.between(lastChange, now).compareTo(quiet) >= 0) {
                        return true;
                    }
                } else {
                    caughtUpAt = null;
                }
                // look often enough to notice a short quiet period, rarely enough not to load a broker for minutes
                long quietSoFar = settings.quietPeriodAfter(Duration.between(processingSince, now))
                        .toMillis();
                sleepQuietly(Math.min(250, Math.max(50, quietSoFar / 4)));
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            throw new StepError(RunReason.BROKER_UNREACHABLE, "cannot observe topics at " + bootstrap + ": " + e);
        }
    }

    /** The end offsets of every partition on the broker (what "finished processing" compares). */
    static Map<TopicPartition, Long> endOffsetsOfAllTopics(String bootstrap, Duration brokerTimeout) {
        try (Admin admin = admin(bootstrap)) {
            requireReachable(admin, bootstrap, brokerTimeout);
            return endOffsetsOfAllTopics(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepError(RunReason.BROKER_UNREACHABLE, "interrupted while reading offsets at " + bootstrap);
        } catch (ExecutionException | TimeoutException e) {
            throw new StepError(RunReason.BROKER_UNREACHABLE, "cannot read end offsets at " + bootstrap + ": " + e);
        }
    }

    private static Set<String> changedTopics(Map<TopicPartition, Long> before, Map<TopicPartition, Long> now) {
        Set<String> changed = new HashSet<>();
        now.forEach((tp, end) -> {
            if (!end.equals(before.getOrDefault(tp, 0L))) {
                changed.add(tp.topic());
            }
        });
        return changed;
    }

    private static Map<TopicPartition, Long> endOffsetsOfAllTopics(Admin admin)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = admin.listTopics().names().get(15, TimeUnit.SECONDS);
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics)
                .allTopicNames()
                .get(15, TimeUnit.SECONDS)
                .forEach((name, description) -> description
                        .partitions()
                        .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(15, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * @param watched   topics every group reading them must have caught up on
     * @param published topics that must have been read by some group (with {@code expectConsumers})
     */
    private static boolean groupsCaughtUp(
            Admin admin,
            Set<String> watched,
            Collection<String> published,
            Map<TopicPartition, Long> ends,
            boolean expectConsumers)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (watched.isEmpty()) {
            return true;
        }
        Set<String> unread = new HashSet<>();
        if (expectConsumers) {
            ends.forEach((tp, end) -> {
                if (published.contains(tp.topic()) && end > 0) {
                    unread.add(tp.topic());
                }
            });
        }
        Collection<GroupListing> groups = admin.listGroups().all().get(15, TimeUnit.SECONDS);
        for (GroupListing group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                continue; // not a consumer group (e.g. a share group): it cannot lag on our topics
            }
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() == null || !watched.contains(e.getKey().topic())) {
                    continue;
                }
                unread.remove(e.getKey().topic());
                Long end = ends.get(e.getKey());
                if (end != null && e.getValue().offset() < end) {
                    return false;
                }
            }
        }
        return unread.isEmpty();
    }

    /** Value decoding: Avro with the topic's schema when known and the bytes fit; else JSON; else text. */
    static Consumed decode(ConsumerRecord<byte[], byte[]> r, Schema schemaHint) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Consumed(
                r.topic(),
                r.partition(),
                r.offset(),
                r.timestamp(),
                r.key(),
                headers,
                decodeValue(r.value(), schemaHint));
    }

    /** Public for the data evidence, which shows records the way the steps see them. */
    public static Object decodeValue(byte[] bytes, Schema schemaHint) {
        if (bytes == null) {
            return null;
        }
        if (schemaHint != null) {
            Map<String, Object> avro = AvroCodec.decodeOrNull(bytes, schemaHint);
            if (avro == null && bytes.length > 5 && bytes[0] == 0) {
                // Schema-registry wire format (magic byte 0 + 4-byte schema id) from producers outside the runner.
                avro = AvroCodec.decodeOrNull(Arrays.copyOfRange(bytes, 5, bytes.length), schemaHint);
            }
            if (avro != null) {
                return avro;
            }
        }
        try {
            return JSON.readValue(bytes, Object.class);
        } catch (IOException e) {
            if (bytes.length > 5 && bytes[0] == 0) {
                // JSON Schema values in the registry wire format
                try {
                    return JSON.readValue(Arrays.copyOfRange(bytes, 5, bytes.length), Object.class);
                } catch (IOException notFramedJson) {
                    // not JSON either: shown as text below
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static String describeKeys(Collection<Consumed> records) {
        return records.stream().map(Consumed::keyText).collect(Collectors.joining(","));
    }
}
