package io.dataops.sit.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.runner.embedded.EmbeddedKafka;
import io.dataops.sit.runner.embedded.EmbeddedPostgres;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.FaultTarget;
import io.dataops.sit.runner.env.FaultTarget.Kind;
import io.dataops.sit.runner.env.Faults.FaultException;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The fault steps' cluster side: a built-in broker's StatefulSet scaled to 0 and back through the scale subresource
 * (CRUD mock API server, with a watch standing in for the StatefulSet controller), its topics created again on a real
 * broker, and a real PostgreSQL database closed to sessions and opened again with its rows.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterFaultsTest {

    static KubernetesClient client;
    static final String NS = "sit-run-faults";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the StatefulSet controller does with a new replica count: pods go or come, and are ready. */
    private static Watch statefulSetController() {
        return client.apps().statefulSets().inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, StatefulSet sts) {
                Integer wanted = sts.getSpec().getReplicas();
                if (action == Action.DELETED
                        || (sts.getStatus() != null
                                && wanted.equals(sts.getStatus().getReplicas())
                                && wanted.equals(sts.getStatus().getReadyReplicas()))) {
                    return;
                }
                client.apps()
                        .statefulSets()
                        .inNamespace(NS)
                        .withName(sts.getMetadata().getName())
                        .editStatus(s -> new StatefulSetBuilder(s)
                                .editOrNewStatus()
                                .withReplicas(wanted)
                                .withReadyReplicas(wanted)
                                .endStatus()
                                .build());
            }

            @Override
            public void onClose(WatcherException cause) {}
        });
    }

    private static void brokerStatefulSet(String name) {
        client.apps()
                .statefulSets()
                .inNamespace(NS)
                .resource(new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(1)
                        .endSpec()
                        .withNewStatus()
                        .withReplicas(1)
                        .withReadyReplicas(1)
                        .endStatus()
                        .build())
                .create();
    }

    @Test
    void aBuiltinBrokerIsScaledToZeroAndBackAndGetsItsTopicsAgain() throws Exception {
        brokerStatefulSet("events-kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                Watch controller = statefulSetController()) {
            ClusterFaults faults = new ClusterFaults(
                    () -> client,
                    NS,
                    TIMEOUT,
                    Map.of(
                            "events",
                            new ClusterFaults.BrokerTopics(
                                    kafka.bootstrapServers(), List.of(new NewTopic("events_in", 2, (short) 1)))),
                    Map.of());
            FaultTarget broker = new FaultTarget(Kind.BROKER, "events");

            faults.stop(broker);
            StatefulSet stopped = client.apps()
                    .statefulSets()
                    .inNamespace(NS)
                    .withName("events-kafka")
                    .get();
            assertThat(stopped.getSpec().getReplicas()).isZero();
            assertThat(stopped.getStatus().getReplicas()).isZero();

            faults.start(broker);
            StatefulSet started = client.apps()
                    .statefulSets()
                    .inNamespace(NS)
                    .withName("events-kafka")
                    .get();
            assertThat(started.getSpec().getReplicas()).isEqualTo(1);
            assertThat(started.getStatus().getReadyReplicas()).isEqualTo(1);
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThat(admin.describeTopics(List.of("events_in"))
                                .allTopicNames()
                                .get()
                                .get("events_in")
                                .partitions())
                        .hasSize(2);
            }
        }
    }

    @Test
    void aBrokerWithoutABuiltinStatefulSetIsNotSupported() {
        ClusterFaults faults = new ClusterFaults(() -> client, NS, TIMEOUT, Map.of(), Map.of());

        assertThatThrownBy(() -> faults.stop(new FaultTarget(Kind.BROKER, "strimzi-managed")))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("built-in brokers only")
                .hasMessageContaining("Strimzi");
    }

    @Test
    void aDatabaseRefusesSessionsWhileUnavailableAndKeepsItsRows() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            postgres.createDatabase("warehouse");
            DatabaseConnection db = new DatabaseConnection(
                    "warehouse",
                    EmbeddedPostgres.HOST,
                    postgres.port(),
                    "warehouse",
                    EmbeddedPostgres.USER,
                    EmbeddedPostgres.PASSWORD);
            try (Connection c = connect(db);
                    Statement s = c.createStatement()) {
                s.execute("create table orders (id int primary key)");
                s.execute("insert into orders values (1), (2)");
            }
            ClusterFaults faults = new ClusterFaults(() -> client, NS, TIMEOUT, Map.of(), Map.of("warehouse", db));
            FaultTarget warehouse = new FaultTarget(Kind.DATABASE, "warehouse");

            try (Connection open = connect(db)) {
                faults.stop(warehouse);
                assertThatThrownBy(() -> count(open))
                        .as("a session open before")
                        .isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> connect(db))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("not currently accepting connections");

            faults.start(warehouse);
            try (Connection c = connect(db)) {
                assertThat(count(c)).isEqualTo(2);
            }
        }
    }

    private static Connection connect(DatabaseConnection db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
