package io.dataops.sit.runner.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A single-node KRaft Kafka broker running in this JVM (combined broker + controller), from Kafka's own
 * test kit. Used by local mode and by tests that need a real broker; close it to stop it and delete its
 * log directories. {@link #stopBroker()} and {@link #startBroker()} take the broker down and bring it back (the fault
 * steps): the controller and the log directories stay, and the test kit binds the broker to the same port again, so
 * clients reconnect to the same address and find the same topics and records.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats, starts and waits for a one-node broker. */
    public static EmbeddedKafka start() throws Exception {
        // An in-process broker must never end the process it lives in (./sit run, the test JVM): Kafka exits or
        // halts the JVM on fatal errors, e.g. a log dir vanishing while it shuts down. Report it instead; a broker
        // that really died shows up as BrokerUnreachable to the steps.
        Exit.setExitProcedure((code, message) -> System.err.println(
                "embedded Kafka asked to exit(" + code + "): " + message + " (ignored: in-process broker)"));
        Exit.setHaltProcedure((code, message) -> System.err.println(
                "embedded Kafka asked to halt(" + code + "): " + message + " (ignored: in-process broker)"));
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                // A single broker cannot hold the default three replicas of the internal topics:
                // without these, consumers never find a group coordinator.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "true")
                .setDeleteOnClose(true)
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(cluster);
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Shuts the broker down (clients get connection refused); the controller and the data stay. */
    public void stopBroker() {
        cluster.brokers().values().forEach(BrokerServer::shutdown);
    }

    /** Starts the broker again on the same port and waits until the controller has it ready (unfenced). */
    public void startBroker() throws Exception {
        for (BrokerServer broker : cluster.brokers().values()) {
            broker.startup();
        }
        cluster.waitForReadyBrokers();
    }

    public Admin admin() {
        return cluster.admin();
    }

    /** Creates the topics (name, partitions); a topic that already exists is left as it is. */
    public void createTopics(List<NewTopic> topics) throws InterruptedException, ExecutionException {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = cluster.admin()) {
            List<Exception> failures = new ArrayList<>();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        failures.add(e);
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            if (!failures.isEmpty()) {
                throw new ExecutionException("cannot create topics " + topics, failures.get(0));
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(cluster);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("warning: embedded Kafka did not stop cleanly: " + e);
        }
    }
}
