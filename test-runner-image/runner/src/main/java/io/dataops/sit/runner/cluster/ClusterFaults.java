package io.dataops.sit.runner.cluster;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.FaultTarget;
import io.dataops.sit.runner.env.Faults;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The fault steps in a cluster.
 *
 * <p>A built-in broker's StatefulSet or a system's Deployment in the run namespace is scaled to 0 and back through
 * its scale subresource (the runner's Role allows that on exactly these names, the broker's only when the SitRun
 * sets spec.runner.faults; no pod template can change), then watched with GETs until its pods are gone or ready
 * again. The built-in broker keeps its log in an emptyDir, which goes with its pod: it comes back empty behind the
 * same Service address, and the SitRun's topics are created again here (records and consumer offsets from before
 * the outage are gone).
 *
 * <p>A database is not scaled: its server's data is in an emptyDir too, and a new server would come back without the
 * seeded rows. Instead the database refuses connections while it is unavailable: every session on it is ended and
 * {@code ALLOW_CONNECTIONS false} keeps new ones out (clients get "database is not currently accepting connections"),
 * through the run's own database credentials, so no Kubernetes right is needed for it.
 */
public final class ClusterFaults implements Faults {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<KubernetesClient> clients;
    private final String namespace;
    private final Duration timeout;
    private final Map<String, DatabaseConnection> databases;
    private final Map<String, BrokerTopics> brokers;
    private final Map<FaultTarget, Integer> replicasBeforeStop = new ConcurrentHashMap<>();
    private KubernetesClient client;

    /** A broker's address and the topics its SitRun entry declares (created again after an outage). */
    public record BrokerTopics(String bootstrapServers, List<NewTopic> topics) {}

    /**
     * @param clients   makes the client on first use (a run without fault steps never talks to the API for them)
     * @param timeout   how long a component may take to stop, or to be ready again
     * @param brokers   broker name to its address and declared topics
     * @param databases database name to its connection (the server's own user)
     */
    public ClusterFaults(
            Supplier<KubernetesClient> clients,
            String namespace,
            Duration timeout,
            Map<String, BrokerTopics> brokers,
            Map<String, DatabaseConnection> databases) {
        this.clients = clients;
        this.namespace = namespace;
        this.timeout = timeout;
        this.brokers = brokers;
        this.databases = databases;
    }

    @Override
    public void stop(FaultTarget target) throws FaultException {
        if (target.kind() == FaultTarget.Kind.DATABASE) {
            refuseConnections(target, true);
            return;
        }
        Resource<? extends HasMetadata> workload = workload(target);
        int replicas = replicas(target, workload);
        replicasBeforeStop.putIfAbsent(target, Math.max(replicas, 1));
        scale(target, workload, 0);
        await(target, workload, "stop", ClusterFaults::noPodsLeft);
    }

    @Override
    public void start(FaultTarget target) throws FaultException {
        if (target.kind() == FaultTarget.Kind.DATABASE) {
            refuseConnections(target, false);
            return;
        }
        Resource<? extends HasMetadata> workload = workload(target);
        int wanted = replicasBeforeStop.getOrDefault(target, 1);
        scale(target, workload, wanted);
        await(target, workload, "be ready", w -> readyReplicas(w) >= wanted && current(w));
        replicasBeforeStop.remove(target);
        if (target.kind() == FaultTarget.Kind.BROKER) {
            createTopicsAgain(target);
        }
    }

    /**
     * Ends every session on the database and keeps new ones out ({@code refuse}), or lets them in again. Run on the
     * server's maintenance database, which stays open to this user.
     */
    private void refuseConnections(FaultTarget target, boolean refuse) throws FaultException {
        DatabaseConnection db = databases.get(target.name());
        if (db == null) {
            throw FaultException.untouched(target + " is not a database of this run", null);
        }
        String quoted = "\"" + db.database().replace("\"", "\"\"") + "\"";
        String maintenance = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(maintenance, db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + quoted + " WITH ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                try (PreparedStatement end = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    end.setString(1, db.database());
                    end.execute();
                }
            }
        } catch (SQLException e) {
            throw new FaultException(
                    "cannot " + (refuse ? "close " : "open ") + target + ": " + Redaction.firstLine(e.getMessage()), e);
        }
    }

    /** The broker came back empty (emptyDir): the SitRun's topics again, as the operator's topics Job made them. */
    private void createTopicsAgain(FaultTarget target) throws FaultException {
        BrokerTopics broker = brokers.get(target.name());
        if (broker == null || broker.topics().isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()))) {
            for (var created : admin.createTopics(broker.topics()).values().entrySet()) {
                try {
                    created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new FaultException(
                                "cannot create topic " + created.getKey() + " on " + target + " again: "
                                        + e.getCause().getMessage(),
                                e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted while creating the topics of " + target, e);
        } catch (TimeoutException e) {
            throw new FaultException(
                    "the topics of " + target + " were not created within " + timeout.toSeconds() + " s", e);
        }
    }

    private synchronized KubernetesClient client() {
        if (client == null) {
            client = clients.get();
        }
        return client;
    }

    /** The object of this run the component is; the name comes from the operator's naming, never from free text. */
    private Resource<? extends HasMetadata> workload(FaultTarget target) {
        return switch (target.kind()) {
            case BROKER ->
                client().apps()
                        .statefulSets()
                        .inNamespace(namespace)
                        .withName(RunContract.builtinBrokerStatefulSet(target.name()));
            case DATABASE -> throw new IllegalArgumentException("a database is not scaled: " + target);
            case SYSTEM ->
                client().apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(RunContract.systemDeployment(target.name()));
        };
    }

    private int replicas(FaultTarget target, Resource<? extends HasMetadata> workload) throws FaultException {
        try {
            HasMetadata object = workload.get();
            if (object == null) {
                throw FaultException.untouched(notHere(target), null);
            }
            Integer replicas = specReplicas(object);
            return replicas == null ? 1 : replicas;
        } catch (KubernetesClientException e) {
            throw refused(target, e);
        }
    }

    private void scale(FaultTarget target, Resource<? extends HasMetadata> workload, int replicas)
            throws FaultException {
        try {
            workload.scale(replicas);
        } catch (KubernetesClientException e) {
            throw refused(target, e);
        }
    }

    private void await(
            FaultTarget target, Resource<? extends HasMetadata> workload, String what, Predicate<HasMetadata> done)
            throws FaultException {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (true) {
                HasMetadata object = workload.get();
                if (object != null && done.test(object)) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new FaultException(target + " did not " + what + " within " + timeout.toSeconds() + " s ("
                            + status(object) + ")");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (KubernetesClientException e) {
            throw refused(target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted while waiting for " + target + " to " + what, e);
        }
    }

    private static boolean noPodsLeft(HasMetadata object) {
        Integer pods = switch (object) {
            case StatefulSet s -> s.getStatus() == null ? null : s.getStatus().getReplicas();
            case Deployment d -> d.getStatus() == null ? null : d.getStatus().getReplicas();
            default -> null;
        };
        return (pods == null || pods == 0) && current(object);
    }

    private static int readyReplicas(HasMetadata object) {
        Integer ready = switch (object) {
            case StatefulSet s -> s.getStatus() == null ? null : s.getStatus().getReadyReplicas();
            case Deployment d -> d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            default -> null;
        };
        return ready == null ? 0 : ready;
    }

    /** The controller has seen the latest spec (the scale), so its status describes it. */
    private static boolean current(HasMetadata object) {
        Long observed = switch (object) {
            case StatefulSet s -> s.getStatus() == null ? null : s.getStatus().getObservedGeneration();
            case Deployment d -> d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
            default -> null;
        };
        Long generation = object.getMetadata().getGeneration();
        return observed == null || generation == null || observed >= generation;
    }

    private static Integer specReplicas(HasMetadata object) {
        return switch (object) {
            case StatefulSet s -> s.getSpec() == null ? null : s.getSpec().getReplicas();
            case Deployment d -> d.getSpec() == null ? null : d.getSpec().getReplicas();
            default -> null;
        };
    }

    private static String status(HasMetadata object) {
        if (object == null) {
            return "gone";
        }
        return "replicas " + specReplicas(object) + ", ready " + readyReplicas(object);
    }

    private FaultException refused(FaultTarget target, KubernetesClientException e) {
        if (e.getCode() == 403 || e.getCode() == 404) {
            return FaultException.untouched(notHere(target), e);
        }
        return new FaultException("cannot scale " + target + ": HTTP " + e.getCode() + " " + e.getMessage(), e);
    }

    private String notHere(FaultTarget target) {
        String why = switch (target.kind()) {
            case BROKER ->
                "the fault steps act on built-in brokers only (provider builtin: Strimzi reconciles its"
                        + " brokers' replicas, so a broker it runs cannot be stopped this way)";
            case DATABASE, SYSTEM -> "is it one of the SitRun's and is spec.runner.faults: true set?";
        };
        return "the runner cannot scale " + target + " in namespace " + namespace + ": " + why;
    }
}
