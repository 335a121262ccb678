package io.dataops.sit.runner.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataops.sit.runner.steps.KafkaIo;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A tiny HTTP system under test, the way a data product's API or a SaaS application looks from outside: it serves
 * the records of one topic as JSON and publishes the records POSTed to it to another topic.
 *
 * <ul>
 *   <li>{@code GET /records[?field=value...]}: {@code {"count": n, "items": [...]}}, every record read from the topic
 *       so far (from its beginning, in no consumer group), those whose fields equal the query's values;</li>
 *   <li>{@code GET /records/<id>}: the last record whose id field is {@code <id>}, or 404;</li>
 *   <li>{@code POST /records}: a JSON object or an array of them, published (keyed by the id field) to the publish
 *       topic before the answer {@code 202 {"accepted": n}}; 405 without a publish topic, 400 when not JSON objects;</li>
 *   <li>{@code GET /health}: 200 once the records are being read (no token needed: a probe's path).</li>
 * </ul>
 *
 * With a token every other request needs {@code Authorization: Bearer <token>}, else 401. It stays in memory: a
 * restart reads the topic again.
 */
public final class RecordsApi implements AutoCloseable {

    public record Options(
            String bootstrap, int port, String topic, String publishTo, String idField, String token, Schema schema) {}

    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final List<Map<String, Object>> records = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private HttpServer server;
    private ExecutorService handlers;
    private KafkaProducer<byte[], byte[]> producer;

    public RecordsApi(Options options) {
        this.options = options;
    }

    /** Binds the port and starts reading the topic on a daemon thread; {@link #awaitReady} says when both are up. */
    public RecordsApi start() throws IOException {
        if (options.publishTo() != null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
            producer = new KafkaProducer<>(p);
        }
        server = HttpServer.create(new InetSocketAddress(options.port()), 0);
        handlers = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(handlers);
        server.createContext("/health", this::health);
        server.createContext("/records", this::records);
        server.start();
        Thread reader = new Thread(this::readLoop, "sit-records-api-" + options.topic());
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** The port it listens on (the one asked for, or the one the system chose for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** True once the port is bound and the topic's partitions are assigned; false at the timeout or when stopped. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return reading.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && running.get();
    }

    /** Blocks until {@link #close()}. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void readLoop() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        try (KafkaConsumer<byte[], byte[]> kc = new KafkaConsumer<>(c)) {
            consumer = kc;
            List<TopicPartition> partitions = List.of();
            // The run creates its topics before its systems start; a topic made by a step appears later.
            while (running.get() && partitions.isEmpty()) {
                List<PartitionInfo> infos = kc.partitionsFor(options.topic(), Duration.ofSeconds(10));
                partitions = infos == null
                        ? List.of()
                        : infos.stream()
                                .map(i -> new TopicPartition(i.topic(), i.partition()))
                                .toList();
                if (partitions.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            kc.assign(partitions);
            kc.seekToBeginning(partitions);
            partitions.forEach(p -> kc.position(p, Duration.ofSeconds(15)));
            log("listening on port " + port() + ", serving " + options.topic()
                    + (options.publishTo() == null ? "" : ", publishing POSTs to " + options.publishTo())
                    + (options.token() == null ? "" : ", bearer token required"));
            reading.countDown();
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : kc.poll(Duration.ofMillis(200))) {
                    if (KafkaIo.decodeValue(r.value(), options.schema()) instanceof Map<?, ?> m) {
                        Map<String, Object> record = new LinkedHashMap<>();
                        m.forEach((k, v) -> record.put(String.valueOf(k), v));
                        synchronized (records) {
                            records.add(record);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer: a normal stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log("stopped reading " + options.topic() + ": " + e);
            running.set(false);
        } finally {
            consumer = null;
            reading.countDown();
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        boolean up = reading.getCount() == 0 && running.get();
        answer(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "STARTING"));
    }

    private void records(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorised(exchange)) {
                answer(exchange, 401, Map.of("error", "a bearer token is required"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String id = path.length() > "/records/".length() && path.startsWith("/records/")
                    ? URLDecoder.decode(path.substring("/records/".length()), StandardCharsets.UTF_8)
                    : null;
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    if (id != null) {
                        Map<String, Object> found = find(id);
                        answer(
                                exchange,
                                found == null ? 404 : 200,
                                found == null
                                        ? Map.of("error", "no record with " + options.idField() + " " + id)
                                        : found);
                    } else {
                        List<Map<String, Object>> items =
                                matching(query(exchange.getRequestURI().getRawQuery()));
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("count", items.size());
                        body.put("items", items);
                        answer(exchange, 200, body);
                    }
                }
                case "POST" -> post(exchange);
                default -> answer(exchange, 405, Map.of("error", "GET or POST"));
            }
        }
    }

    private void post(HttpExchange exchange) throws IOException {
        if (producer == null) {
            answer(exchange, 405, Map.of("error", "this API is read-only"));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            answer(exchange, 413, Map.of("error", "at most " + MAX_REQUEST_BYTES + " bytes"));
            return;
        }
        List<JsonNode> objects = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isArray()) {
                node.forEach(objects::add);
            } else if (node != null) {
                objects.add(node);
            }
        } catch (JsonProcessingException e) {
            answer(exchange, 400, Map.of("error", "not JSON: " + e.getOriginalMessage()));
            return;
        }
        if (objects.isEmpty() || objects.stream().anyMatch(n -> !n.isObject())) {
            answer(exchange, 400, Map.of("error", "a JSON object or an array of objects"));
            return;
        }
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (JsonNode object : objects) {
                JsonNode key = object.get(options.idField());
                sent.add(producer.send(new ProducerRecord<>(
                        options.publishTo(),
                        key == null ? null : key.asText().getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(object))));
            }
            for (var f : sent) {
                f.get(15, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 503, Map.of("error", "cannot publish to " + options.publishTo() + ": " + e));
            return;
        }
        answer(exchange, 202, Map.of("accepted", objects.size()));
    }

    private boolean authorised(HttpExchange exchange) {
        if (options.token() == null) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        byte[] expected = ("Bearer " + options.token()).getBytes(StandardCharsets.UTF_8);
        return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> find(String id) {
        synchronized (records) {
            for (int i = records.size() - 1; i >= 0; i--) {
                Object value = records.get(i).get(options.idField());
                if (value != null && id.equals(String.valueOf(value))) {
                    return records.get(i);
                }
            }
        }
        return null;
    }

    private List<Map<String, Object>> matching(Map<String, String> filters) {
        synchronized (records) {
            return records.stream()
                    .filter(r -> filters.entrySet().stream()
                            .allMatch(f -> f.getValue().equals(String.valueOf(r.get(f.getKey())))))
                    .toList();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        if (!running.getAndSet(false) && stopped.getCount() == 0) {
            return;
        }
        KafkaConsumer<byte[], byte[]> kc = consumer;
        if (kc != null) {
            kc.wakeup();
        }
        if (server != null) {
            server.stop(0);
        }
        if (handlers != null) {
            handlers.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
        stopped.countDown();
    }

    private static void log(String message) {
        System.err.println("records-api: " + message);
    }
}
