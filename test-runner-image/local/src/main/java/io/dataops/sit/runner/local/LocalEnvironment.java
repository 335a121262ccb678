package io.dataops.sit.runner.local;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.runner.embedded.EmbeddedKafka;
import io.dataops.sit.runner.embedded.EmbeddedPostgres;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The run's environment on this machine, as {@code ClusterEnvironment} is in a pod: one {@link EmbeddedKafka}
 * per spec.brokers entry with its topics, one {@link EmbeddedPostgres} per spec.databases entry with its
 * database; an external broker or database is used where it is, never started. Every server started is handed to
 * {@link StartedResources}, which stops it.
 */
final class LocalEnvironment {

    private final RunEnvironment run;
    private final Map<String, EmbeddedKafka> kafkas;
    private final Map<String, EmbeddedPostgres> postgres;
    private final LocalFixtures fixtures;
    private final Optional<String> schemaRegistryUrl;

    private LocalEnvironment(
            RunEnvironment run,
            Map<String, EmbeddedKafka> kafkas,
            Map<String, EmbeddedPostgres> postgres,
            LocalFixtures fixtures,
            Optional<String> schemaRegistryUrl) {
        this.run = run;
        this.kafkas = kafkas;
        this.postgres = postgres;
        this.fixtures = fixtures;
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    /** A key of a Secret of the SitRun file, or null: where an external database's credentials come from. */
    @FunctionalInterface
    interface SecretValues {
        String get(String secret, String key);
    }

    /** What is done to a database as soon as it runs (seeding), on the thread that started it. */
    @FunctionalInterface
    interface DatabaseReady {
        void accept(DatabaseSpec spec, DatabaseConnection connection) throws Exception;
    }

    /**
     * @param runnerVariables the runner's environment: the shell's with spec.runner.env resolved over it
     * @param databaseReady called for each database once it accepts connections, while the brokers may still be
     *                      starting: seeding then costs no time of its own when the broker is the slower start
     * @param workFolder    the run's temporary folder (the schema registry's log goes there)
     */
    static LocalEnvironment start(
            SitRun sitRun,
            LocalFixtures fixtures,
            Map<String, String> runnerVariables,
            SecretValues secrets,
            StartedResources started,
            PrintStream out,
            DatabaseReady databaseReady,
            Path workFolder)
            throws Exception {
        var spec = sitRun.getSpec();
        // The registry (a JVM of its own, seconds to start) starts alongside the brokers and databases.
        CompletableFuture<Optional<String>> registryStarting = CompletableFuture.supplyAsync(() -> {
            try {
                return startSchemaRegistry(sitRun, started, out, workFolder);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        // Databases start on another thread while the brokers start here: they do not depend on each other.
        Map<String, EmbeddedPostgres> postgres = new ConcurrentHashMap<>();
        CompletableFuture<Map<String, DatabaseConnection>> databasesStarting = CompletableFuture.supplyAsync(() -> {
            try {
                return startDatabases(spec.getDatabases(), secrets, postgres, started, out, databaseReady);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Map<String, EmbeddedKafka> kafkas = new LinkedHashMap<>();
        Map<String, String> brokers;
        try {
            brokers = startBrokers(spec.getBrokers(), kafkas, started, out);
        } finally {
            // wait for the databases and the registry either way, so everything started is known to StartedResources
            for (CompletableFuture<?> starting : List.of(databasesStarting, registryStarting)) {
                try {
                    starting.join();
                } catch (CompletionException ignored) {
                    // reported below when the brokers started
                }
            }
        }
        Map<String, DatabaseConnection> databases;
        Optional<String> schemaRegistryUrl;
        try {
            databases = databasesStarting.join();
            schemaRegistryUrl = registryStarting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        // The runner finds the registry where a cluster puts it: in its environment (RunContract).
        Map<String, String> variables = new LinkedHashMap<>(runnerVariables);
        schemaRegistryUrl.ifPresent(url -> {
            variables.put(RunContract.ENV_SCHEMA_REGISTRY_URL, url);
            variables.put(RunContract.ENV_SIT_SCHEMA_REGISTRY_URL, url);
        });
        // Locally AWS steps use a credentials file only when the developer names one (AWS_SHARED_CREDENTIALS_FILE):
        // the runner never falls back to the SDK's default chain.
        Optional<Path> awsCredentials = Optional.ofNullable(System.getenv("AWS_SHARED_CREDENTIALS_FILE"))
                .filter(f -> !f.isBlank())
                .map(Path::of);
        RunEnvironment run =
                new RunEnvironment(sitRun, brokers, databases, fixtures, Optional.empty(), awsCredentials, variables);
        return new LocalEnvironment(run, kafkas, Map.copyOf(postgres), fixtures, schemaRegistryUrl);
    }

    private static Optional<String> startSchemaRegistry(
            SitRun sitRun, StartedResources started, PrintStream out, Path workFolder) throws Exception {
        if (!sitRun.getSpec().schemaRegistryEnabled()) {
            return Optional.empty();
        }
        Instant start = Instant.now();
        LocalSchemaRegistry registry = started.add(LocalSchemaRegistry.start(
                LocalSchemaRegistry.locateJar(), workFolder, LocalSchemaRegistry.START_TIMEOUT));
        out.println("  schema registry ready at " + registry.url() + " ("
                + Duration.between(start, Instant.now()).toMillis() + " ms)");
        return Optional.of(registry.url());
    }

    RunEnvironment runEnvironment() {
        return run;
    }

    List<EmbeddedKafka> kafkas() {
        return List.copyOf(kafkas.values());
    }

    /** Broker name to its embedded broker (the fault steps stop and start it). */
    Map<String, EmbeddedKafka> kafkasByName() {
        return kafkas;
    }

    /** Database name to its embedded server (the fault steps stop and start it). */
    Map<String, EmbeddedPostgres> postgresByName() {
        return postgres;
    }

    /** The variables the operator injects into systems in a cluster (RunContract), with local values. */
    Map<String, String> systemEnv() {
        return systemEnv(run, fixtures.materialisedRoot(), schemaRegistryUrl);
    }

    /** RunContract#connectionEnv as-is, without SIT_RUN_NAMESPACE: no operator to report to on this machine. */
    static Map<String, String> systemEnv(RunEnvironment run, Path configMapsDir, Optional<String> schemaRegistryUrl) {
        Map<String, RunContract.DatabaseAddress> databases = new LinkedHashMap<>();
        run.databases()
                .forEach((name, db) -> databases.put(
                        name,
                        new RunContract.DatabaseAddress(
                                db.host(), db.port(), db.database(), db.user(), db.password(), db.jdbcUrl())));
        return RunContract.connectionEnv(
                run.sitRun().getMetadata().getName(),
                Optional.empty(),
                configMapsDir.toString(),
                run.brokers(),
                databases,
                schemaRegistryUrl);
    }

    private static Map<String, String> startBrokers(
            List<BrokerSpec> specs, Map<String, EmbeddedKafka> kafkas, StartedResources started, PrintStream out)
            throws Exception {
        Map<String, String> brokers = new LinkedHashMap<>();
        for (BrokerSpec broker : specs) {
            if (broker.external()) {
                // Someone else's cluster: used as it is, no topic created (as in a cluster).
                brokers.put(broker.getName(), broker.getExternal().getBootstrapServers());
                out.println("  broker " + broker.getName() + " is external at "
                        + broker.getExternal().getBootstrapServers() + ": not started");
                continue;
            }
            EmbeddedKafka kafka;
            try {
                kafka = EmbeddedKafka.start();
            } catch (Exception e) {
                throw new LocalRunException(
                        "BrokerUnavailable", "embedded Kafka broker " + broker.getName() + " did not start: " + e);
            }
            kafkas.put(broker.getName(), started.add(kafka));
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec topic : broker.getKafka().getTopics()) {
                // one broker: every topic gets one replica, whatever the SitRun asks (noted by LocalPreflight)
                NewTopic t = new NewTopic(topic.getName(), topic.partitionsOrDefault(), (short) 1);
                if (topic.getConfig() != null) {
                    t.configs(topic.getConfig());
                }
                topics.add(t);
            }
            kafka.createTopics(topics);
            brokers.put(broker.getName(), kafka.bootstrapServers());
            out.println("  broker " + broker.getName() + " ready at " + kafka.bootstrapServers() + ", topics "
                    + topics.stream()
                            .map(t -> t.name() + "(" + t.numPartitions() + ")")
                            .toList());
        }
        return brokers;
    }

    /** An external database's address from its URL, its user name and password from the file's Secret. */
    private static DatabaseConnection external(DatabaseSpec db, SecretValues secrets) throws LocalRunException {
        var ext = db.getExternal();
        var ref = ext.getCredentialsSecretRef();
        String user = secrets.get(ref.getName(), ref.usernameKeyOrDefault());
        String password = secrets.get(ref.getName(), ref.passwordKeyOrDefault());
        if (user == null || password == null) {
            throw new LocalRunException(
                    RunReason.SECRET_NOT_FOUND,
                    "database " + db.getName() + ": external.credentialsSecretRef needs a Secret " + ref.getName()
                            + " with keys " + ref.usernameKeyOrDefault() + " and " + ref.passwordKeyOrDefault()
                            + " in the SitRun file");
        }
        return new DatabaseConnection(db.getName(), ext.host(), ext.port(), ext.database(), user, password);
    }

    private static Map<String, DatabaseConnection> startDatabases(
            List<DatabaseSpec> specs,
            SecretValues secrets,
            Map<String, EmbeddedPostgres> servers,
            StartedResources started,
            PrintStream out,
            DatabaseReady databaseReady)
            throws Exception {
        Map<String, DatabaseConnection> databases = new LinkedHashMap<>();
        for (DatabaseSpec db : specs) {
            if (db.external()) {
                DatabaseConnection connection = external(db, secrets);
                databases.put(db.getName(), connection);
                out.println("  database " + db.getName() + " is external at " + connection.jdbcUrl() + ": not started");
                databaseReady.accept(db, connection);
                continue;
            }
            EmbeddedPostgres postgres;
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new LocalRunException(
                        "DatabaseUnavailable",
                        "embedded PostgreSQL for " + db.getName() + " did not start: " + e.getMessage());
            }
            servers.put(db.getName(), started.add(postgres));
            String name = db.getPostgres() != null && db.getPostgres().getDatabase() != null
                    ? db.getPostgres().getDatabase()
                    : db.getName().replace('-', '_');
            try {
                postgres.createDatabase(name);
            } catch (SQLException e) {
                throw new LocalRunException(
                        "DatabaseUnavailable", "cannot create database " + name + ": " + e.getMessage());
            }
            DatabaseConnection connection = new DatabaseConnection(
                    db.getName(),
                    EmbeddedPostgres.HOST,
                    postgres.port(),
                    name,
                    EmbeddedPostgres.USER,
                    EmbeddedPostgres.PASSWORD);
            databases.put(db.getName(), connection);
            out.println("  database " + db.getName() + " ready at " + connection.jdbcUrl());
            databaseReady.accept(db, connection);
        }
        return databases;
    }
}
