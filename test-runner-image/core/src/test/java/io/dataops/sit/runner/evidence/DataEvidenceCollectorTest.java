package io.dataops.sit.runner.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.runner.data.AvroCodec;
import io.dataops.sit.runner.embedded.EmbeddedPostgres;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runner's data evidence against a real broker and a real PostgreSQL server. */
class DataEvidenceCollectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedPostgres postgres;
    static DatabaseConnection db;
    static String topic = "evidence_" + UUID.randomUUID().toString().substring(0, 8);
    static String group = "reader_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void setUp() throws Exception {
        postgres = EmbeddedPostgres.start();
        db = new DatabaseConnection(
                "orders-db",
                EmbeddedPostgres.HOST,
                postgres.port(),
                EmbeddedPostgres.DEFAULT_DATABASE,
                EmbeddedPostgres.USER,
                EmbeddedPostgres.PASSWORD);
        Properties props = new Properties();
        props.setProperty("user", db.user());
        props.setProperty("password", db.password());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), props);
                Statement s = c.createStatement()) {
            s.execute("create table customers (id int primary key, name text not null)");
            s.execute("create table orders (id int primary key, customer_id int not null references customers(id),"
                    + " note varchar(40), amount numeric(10,2) default 0)");
            s.execute("insert into customers values (1, 'Ann')");
            s.execute(
                    "insert into orders select g, 1, case when g = 1 then 'comma, \"quoted\"' end, g from generate_series(1, 30) g");
        }
        String bootstrap = SharedKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers",
                    bootstrap,
                    "key.serializer",
                    StringSerializer.class.getName(),
                    "value.serializer",
                    StringSerializer.class.getName()))) {
                for (int i = 0; i < 25; i++) {
                    ProducerRecord<String, String> r = new ProducerRecord<>(topic, 0, "k" + i, "{\"n\": " + i + "}");
                    r.headers().add("sit-correlation-id", ("secret-token-" + i).getBytes(StandardCharsets.UTF_8));
                    producer.send(r).get();
                }
            }
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(10)))
                    .all()
                    .get();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static RunEnvironment env(Map<String, String> brokers, Map<String, DatabaseConnection> databases) {
        return new RunEnvironment(new SitRun(), brokers, databases, null, Optional.empty(), Optional.empty());
    }

    private static Map<String, String> files(EvidenceBundle bundle) {
        return EvidenceBundle.unpack(
                        bundle.pack(RunContract.MAX_DATA_EVIDENCE_BYTES).tarGz())
                .stream()
                .collect(Collectors.toMap(EvidenceBundle.File::path, EvidenceBundle.File::text));
    }

    @Test
    void topicsShowOffsetsLagsAndTheLastRecordsDecoded() throws Exception {
        var settings = new DataEvidenceSettings(20, 5, Duration.ofSeconds(30), Duration.ofSeconds(5));

        Map<String, String> files = files(new DataEvidenceCollector(settings)
                .collect(env(Map.of("main", SharedKafka.bootstrapServers()), Map.of()), new TouchedData()));

        JsonNode doc = JSON.readTree(files.get("kafka/main/" + topic + ".json"));
        assertThat(doc.get("partitions")).hasSize(2);
        assertThat(doc.get("partitions").get(0).get("endOffset").asLong()).isEqualTo(25);
        JsonNode reader = doc.get("consumerGroups").get(0);
        assertThat(reader.get("group").asText()).isEqualTo(group);
        assertThat(reader.get("lag").asLong()).isEqualTo(15);
        JsonNode last = doc.get("lastRecords");
        assertThat(last).hasSize(20);
        assertThat(last.get(19).get("offset").asLong()).isEqualTo(24);
        assertThat(last.get(19).get("key").asText()).isEqualTo("k24");
        assertThat(last.get(19).get("value").get("n").asInt()).isEqualTo(24);
        assertThat(last.get(19).get("headers").get(0).asText()).isEqualTo("sit-correlation-id");
        // Header values may carry tokens: only their names are kept.
        assertThat(files.get("kafka/main/" + topic + ".json")).doesNotContain("secret-token");
        assertThat(files.keySet()).noneMatch(p -> p.contains("__consumer_offsets"));
    }

    @Test
    void avroRecordsAreDecodedWithTheSchemaTheStepsUsed() throws Exception {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "int"}, {"name": "status", "type": "string"}]}
                """);
        String avroTopic = "evidence_avro_" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = SharedKafka.bootstrapServers();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers",
                bootstrap,
                "key.serializer",
                ByteArraySerializer.class.getName(),
                "value.serializer",
                ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(
                            avroTopic, AvroCodec.encode(Map.of("id", 7, "status", "NEW"), schema, "test")))
                    .get();
        }
        TouchedData touched = new TouchedData();
        touched.addTopicSchema("main", avroTopic, schema);
        var settings = new DataEvidenceSettings(20, 5, Duration.ofSeconds(30), Duration.ofSeconds(5));

        Map<String, String> files =
                files(new DataEvidenceCollector(settings).collect(env(Map.of("main", bootstrap), Map.of()), touched));

        JsonNode doc = JSON.readTree(files.get("kafka/main/" + avroTopic + ".json"));
        assertThat(doc.get("avroSchema").asText()).isEqualTo("Order");
        assertThat(doc.get("lastRecords").get(0).get("value").get("status").asText())
                .isEqualTo("NEW");
        assertThat(doc.get("lastRecords").get(0).get("value").get("id").asInt()).isEqualTo(7);
    }

    @Test
    void databasesShowCountsSchemaAndSamplesOfTouchedTables() {
        var settings = new DataEvidenceSettings(20, 5, Duration.ofSeconds(30), Duration.ofSeconds(5));
        TouchedData touched = new TouchedData();
        touched.addTablesFromSql("orders-db", "select count(*) from orders");
        touched.addTable("orders-db", "missing_table");

        EvidenceBundle bundle =
                new DataEvidenceCollector(settings).collect(env(Map.of(), Map.of("orders-db", db)), touched);
        Map<String, String> files = files(bundle);

        assertThat(files.get("databases/orders-db/row-counts.txt"))
                .contains("public.orders\t30", "public.customers\t1");
        assertThat(files.get("databases/orders-db/schema.sql"))
                .contains(
                        "CREATE TABLE \"public\".\"orders\"",
                        "\"customer_id\" integer NOT NULL",
                        "\"note\" character varying(40)",
                        "\"amount\" numeric(10,2) DEFAULT 0",
                        "PRIMARY KEY (id)",
                        "FOREIGN KEY (customer_id) REFERENCES customers(id)");
        String sample = files.get("databases/orders-db/sample/public.orders.csv");
        assertThat(sample.lines().toList()).hasSize(6).first().isEqualTo("id,customer_id,note,amount");
        assertThat(sample).contains("1,1,\"comma, \"\"quoted\"\"\",1.00");
        assertThat(files.get(EvidenceBundle.MANIFEST)).contains("sample/missing_table.csv: no such table");
    }

    @Test
    void unreachableServersBecomeNotesWithinTheBoundAndNoPassword() {
        var settings = new DataEvidenceSettings(20, 20, Duration.ofSeconds(8), Duration.ofSeconds(2));
        DatabaseConnection down = new DatabaseConnection("down-db", "127.0.0.1", 1, "x", "sit", "s3cret-pass");
        Instant start = Instant.now();

        EvidenceBundle bundle = new DataEvidenceCollector(settings)
                .collect(env(Map.of("gone", "127.0.0.1:1"), Map.of("down-db", down)), new TouchedData());

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(12));
        EvidenceBundle.Packed packed = bundle.pack(RunContract.MAX_DATA_EVIDENCE_BYTES);
        assertThat(packed.manifest()).contains("kafka/gone", "down-db").doesNotContain("s3cret-pass");
    }
}
