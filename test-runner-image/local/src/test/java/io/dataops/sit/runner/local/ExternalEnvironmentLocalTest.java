package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.runner.embedded.EmbeddedKafka;
import io.dataops.sit.runner.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sit run} against someone else's broker and database (spec.brokers[].external, spec.databases[].external):
 * a real Kafka broker and a real PostgreSQL started here, outside the run, with their own topics, table, rows and
 * user; the run uses them where they are, starts neither of its own, and leaves the database as it found it unless
 * the SitRun allows seeding it.
 */
class ExternalEnvironmentLocalTest {

    static EmbeddedKafka theirKafka;
    static EmbeddedPostgres theirPostgres;

    @TempDir
    Path out;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void someoneElsesEnvironment() throws Exception {
        theirKafka = EmbeddedKafka.start();
        theirKafka.createTopics(
                List.of(new NewTopic("events_in", 1, (short) 1), new NewTopic("events_out", 1, (short) 1)));
        theirPostgres = EmbeddedPostgres.start();
        theirPostgres.createDatabase("orders");
        try (Connection c = admin("orders");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace')");
            s.execute("CREATE ROLE orders_app LOGIN PASSWORD 'app-secret-pw'");
            s.execute("GRANT ALL ON SCHEMA public TO orders_app");
            s.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO orders_app");
        }
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (theirKafka != null) {
            theirKafka.close();
        }
        if (theirPostgres != null) {
            theirPostgres.close();
        }
    }

    static Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + theirPostgres.port() + "/" + database,
                EmbeddedPostgres.USER,
                EmbeddedPostgres.PASSWORD);
    }

    /** Lines under the database entry (6 spaces: its fields). */
    static final String CHECKS = "      checks:\n        - { table: customers, minRows: 2 }\n";

    static final String SEED =
            "      seed:\n        - sql: { inline: \"INSERT INTO customers VALUES (3, 'Edsger')\" }\n";

    /** The minimal example's relay over the external broker, with the external database under a read-only gate. */
    Path sitRun(String name, String externalExtras, String databaseExtras) throws Exception {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shared-features
                data:
                  relay.feature: |
                    Feature: Relay on a shared broker
                      # @isolated: the shared topics hold what earlier runs left; count only this scenario's output
                      @isolated
                      Scenario: Published events are relayed
                        Given sample data is:
                          \"\"\"
                          {"event_id": "%1$s-1", "kind": "order_created", "amount": 1.0}
                          {"event_id": "%1$s-2", "kind": "order_created", "amount": 2.0}
                          {"event_id": "%1$s-3", "kind": "order_created", "amount": 3.0}
                          \"\"\"
                        And published to Kafka topic: events_in
                        When relay job started: relay
                        And finished processing
                        And result consumed from Kafka topic on checkpoint: events_out
                        Then the result contains 3 records with tolerance of +/- 0
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: shared-db
                stringData:
                  username: orders_app
                  password: app-secret-pw
                ---
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: %1$s
                spec:
                  brokers:
                    - name: shared
                      external:
                        bootstrapServers: %2$s
                  databases:
                    - name: orders
                      external:
                        jdbcUrl: jdbc:postgresql://localhost:%3$d/orders
                        credentialsSecretRef: { name: shared-db }
                %4$s%5$s
                  systems:
                    - name: relay
                      image: ghcr.io/dataops-sit/sit-runner:0.1.0
                      local:
                        command: [sit-runner, relay, --from, events_in, --to, events_out]
                  runner:
                    features:
                      configMapRef:
                        name: shared-features
                """.formatted(
                        name, theirKafka.bootstrapServers(), theirPostgres.port(), externalExtras, databaseExtras);
        Path file = out.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void theRunUsesTheExistingBrokerAndDatabaseAndStartsNeither() throws Exception {
        long before = endOffset("events_out");
        Path file = sitRun("shared", "", CHECKS);
        Path json = out.resolve("shared.json");
        LocalCommand command = command();

        int exit = command.execute(new String[] {file.toString(), "--json", json.toString()});

        assertThat(exit).as(console.toString()).isZero();
        // No broker, no database of the run's own was started here (the relay and the trace receiver were).
        assertThat(command.startedResources().everStarted(EmbeddedKafka.class)).isZero();
        assertThat(command.startedResources().everStarted(EmbeddedPostgres.class))
                .isZero();
        assertThat(command.startedResources().everStarted(InProcessRelay.class)).isEqualTo(1);
        // The relay's three records landed on their broker.
        assertThat(endOffset("events_out") - before).isEqualTo(3);
        // The gate read their table (2 rows the run did not write).
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getGates())
                .singleElement()
                .satisfies(g -> assertThat(g.passed()).isTrue());
        // The seed wrote nothing there: no table of ours in their database.
        assertThat(tables()).containsExactly("customers");
        assertThat(console.toString())
                .contains("broker shared is external at " + theirKafka.bootstrapServers() + ": not started")
                .contains("database orders is external at jdbc:postgresql://localhost:" + theirPostgres.port()
                        + "/orders: not started")
                .contains("not isolated:")
                .contains("broker shared is external: its topics and consumer groups are shared")
                .contains("database orders is external")
                .doesNotContain("app-secret-pw");
    }

    @Test
    void seedingTheExistingDatabaseIsRefusedBeforeAnythingStartsUnlessAllowed() throws Exception {
        Path refusedFile = sitRun("refused", "", SEED);
        Path json = out.resolve("refused.json");
        LocalCommand refused = command();

        int exit = refused.execute(new String[] {refusedFile.toString(), "--json", json.toString()});

        assertThat(exit).as(console.toString()).isEqualTo(2);
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BadSpec");
        assertThat(result.getMessage()).contains("database orders").contains("external.allowSeed: true");
        assertThat(refused.startedResources().everStarted()).isZero();
        assertThat(rows()).isEqualTo(2);

        Path allowedFile = sitRun("allowed", "        allowSeed: true\n", SEED);
        int allowedExit = command().execute(new String[] {allowedFile.toString()});

        assertThat(allowedExit).as(console.toString()).isZero();
        assertThat(rows())
                .as("the seeded row stays: nothing is removed from an external database")
                .isEqualTo(3);
        assertThat(console.toString())
                .contains("the rows the seed and the systems and scenarios write are not removed");
    }

    private LocalCommand command() {
        return new LocalCommand(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private long endOffset(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (var admin = theirKafka.admin()) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .partitionResult(partition)
                    .get()
                    .offset();
        }
    }

    private List<String> tables() throws SQLException {
        try (Connection c = admin("orders");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            return names;
        }
    }

    private long rows() throws SQLException {
        try (Connection c = admin("orders");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM customers")) {
            r.next();
            return r.getLong(1);
        }
    }
}
