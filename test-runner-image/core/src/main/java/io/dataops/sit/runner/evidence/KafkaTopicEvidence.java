package io.dataops.sit.runner.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataops.sit.runner.steps.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One broker's part of the data evidence: per non-internal topic a {@code kafka/<broker>/<topic>.json} with the
 * partitions' offsets, each consumer group's committed offsets and lag, and the last records decoded the way the
 * steps decode them (header names only: header values may carry tokens).
 */
final class KafkaTopicEvidence {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private KafkaTopicEvidence() {}

    static void collect(
            String broker,
            String bootstrap,
            TouchedData touched,
            DataEvidenceSettings settings,
            Instant deadline,
            EvidenceSink sink) {
        String folder = "kafka/" + EvidenceSink.safe(broker) + "/";
        long callMillis = settings.perCall().toMillis();
        try (Admin admin = Admin.create(adminProps(bootstrap, callMillis));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap, callMillis))) {
            Set<String> topics = new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(false))
                    .names()
                    .get(callMillis, TimeUnit.MILLISECONDS));
            Map<String, Map<TopicPartition, Long>> committedByGroup = committedOffsets(admin, callMillis, broker, sink);
            for (String topic : topics) {
                if (Instant.now().isAfter(deadline)) {
                    sink.note(folder + topic + ".json: not captured, evidence time is up");
                    continue;
                }
                try {
                    sink.add(
                            folder + EvidenceSink.safe(topic) + ".json",
                            JSON.writeValueAsString(topic(
                                    admin,
                                    consumer,
                                    topic,
                                    committedByGroup,
                                    touched.schemaOf(broker, topic),
                                    settings,
                                    deadline)));
                } catch (Exception e) {
                    sink.note(folder + topic + ".json: not captured: " + describe(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.note("kafka/" + broker + ": interrupted (evidence time is up)");
        } catch (Exception e) {
            sink.note("kafka/" + broker + ": broker at " + bootstrap + " not captured: " + describe(e));
        }
    }

    private static Map<String, Object> topic(
            Admin admin,
            KafkaConsumer<byte[], byte[]> consumer,
            String topic,
            Map<String, Map<TopicPartition, Long>> committedByGroup,
            Schema schema,
            DataEvidenceSettings settings,
            Instant deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        long callMillis = settings.perCall().toMillis();
        TopicDescription description = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(callMillis, TimeUnit.MILLISECONDS)
                .get(topic);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> {
            earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        });
        Map<TopicPartition, Long> begin = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(earliest)
                .all()
                .get(callMillis, TimeUnit.MILLISECONDS)
                .forEach((tp, i) -> begin.put(tp, i.offset()));
        admin.listOffsets(latest)
                .all()
                .get(callMillis, TimeUnit.MILLISECONDS)
                .forEach((tp, i) -> end.put(tp, i.offset()));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("topic", topic);
        List<Map<String, Object>> partitions = new ArrayList<>();
        end.keySet().stream()
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .forEach(tp -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("partition", tp.partition());
                    p.put("beginningOffset", begin.get(tp));
                    p.put("endOffset", end.get(tp));
                    partitions.add(p);
                });
        doc.put("partitions", partitions);

        List<Map<String, Object>> groups = new ArrayList<>();
        committedByGroup.forEach((group, committed) -> {
            List<Map<String, Object>> lags = new ArrayList<>();
            long total = 0;
            for (var e : committed.entrySet()) {
                if (!e.getKey().topic().equals(topic)) {
                    continue;
                }
                long endOffset = end.getOrDefault(e.getKey(), 0L);
                long lag = Math.max(0, endOffset - e.getValue());
                total += lag;
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("partition", e.getKey().partition());
                l.put("committedOffset", e.getValue());
                l.put("endOffset", endOffset);
                l.put("lag", lag);
                lags.add(l);
            }
            if (!lags.isEmpty()) {
                lags.sort(Comparator.comparingInt(l -> (Integer) l.get("partition")));
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("group", group);
                g.put("lag", total);
                g.put("partitions", lags);
                groups.add(g);
            }
        });
        doc.put("consumerGroups", groups);
        if (schema != null) {
            doc.put("avroSchema", schema.getFullName());
        }
        doc.put("lastRecords", lastRecords(consumer, begin, end, schema, settings.records(), deadline, callMillis));
        return doc;
    }

    /** The last {@code n} records of the topic by timestamp: up to n per partition read, the newest n kept. */
    private static List<Map<String, Object>> lastRecords(
            KafkaConsumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> begin,
            Map<TopicPartition, Long> end,
            Schema schema,
            int n,
            Instant deadline,
            long callMillis) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        List<TopicPartition> partitions = end.keySet().stream()
                .filter(tp -> end.get(tp) > begin.getOrDefault(tp, 0L))
                .toList();
        if (n == 0 || partitions.isEmpty()) {
            return List.of();
        }
        consumer.assign(partitions);
        for (TopicPartition tp : partitions) {
            consumer.seek(tp, Math.max(begin.getOrDefault(tp, 0L), end.get(tp) - n));
        }
        Instant stop = min(deadline, Instant.now().plusMillis(callMillis));
        while (Instant.now().isBefore(stop) && !reachedEnd(consumer, partitions, end)) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    read.add(r);
                }
            }
        }
        consumer.unsubscribe();
        read.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
                .thenComparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : read.subList(Math.max(0, read.size() - n), read.size())) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("partition", r.partition());
            rec.put("offset", r.offset());
            rec.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
            rec.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
            List<String> headers = new ArrayList<>();
            for (Header h : r.headers()) {
                headers.add(h.key());
            }
            rec.put("headers", headers);
            rec.put("value", KafkaIo.decodeValue(r.value(), schema));
            out.add(rec);
        }
        return out;
    }

    private static boolean reachedEnd(
            KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp, Duration.ofSeconds(2)) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    /** Committed offsets of every consumer group, read once per broker. */
    private static Map<String, Map<TopicPartition, Long>> committedOffsets(
            Admin admin, long callMillis, String broker, EvidenceSink sink) throws InterruptedException {
        Map<String, Map<TopicPartition, Long>> out = new TreeMap<>();
        try {
            for (GroupListing group : admin.listGroups().all().get(callMillis, TimeUnit.MILLISECONDS)) {
                try {
                    Map<TopicPartition, Long> offsets = new HashMap<>();
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(
                                    group.groupId())
                            .partitionsToOffsetAndMetadata()
                            .get(callMillis, TimeUnit.MILLISECONDS)
                            .entrySet()) {
                        if (e.getValue() != null) {
                            offsets.put(e.getKey(), e.getValue().offset());
                        }
                    }
                    out.put(group.groupId(), offsets);
                } catch (ExecutionException e) {
                    // not a consumer group (a share or streams group): it has no committed offsets to show
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            sink.note("kafka/" + broker + ": consumer groups not captured: " + describe(e));
        }
        return out;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static Properties adminProps(String bootstrap, long callMillis) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(callMillis));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(callMillis));
        return props;
    }

    private static Properties consumerProps(String bootstrap, long callMillis) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(callMillis));
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(callMillis));
        return props;
    }
}
