package io.dataops.sit.runner.cluster;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/** Builds the RunEnvironment from what the operator injects into the runner pod (env vars and mounts). */
public final class ClusterEnvironment {

    private ClusterEnvironment() {}

    /** How long a component stopped or started by a fault step may take to be gone or ready again (default 300). */
    static final String ENV_FAULT_TIMEOUT_SECONDS = "SIT_FAULT_TIMEOUT_SECONDS";

    /** Missing or inconsistent input: the runner ends with an error naming it. */
    public static final class InvalidEnvironmentException extends Exception {
        public InvalidEnvironmentException(String message) {
            super(message);
        }
    }

    public static RunEnvironment fromEnv(Map<String, String> env) throws InvalidEnvironmentException {
        Path runFile = Path.of(env.getOrDefault(
                RunContract.ENV_RUN_FILE, RunContract.RUN_MOUNT_PATH + "/" + RunContract.RUN_CONFIGMAP_KEY));
        SitRun sitRun = readSitRun(runFile);
        List<String> problems = new ArrayList<>();

        Map<String, String> brokers = new LinkedHashMap<>();
        List<BrokerSpec> brokerSpecs =
                sitRun.getSpec() == null ? List.of() : sitRun.getSpec().getBrokers();
        for (int i = 0; i < brokerSpecs.size(); i++) {
            String name = brokerSpecs.get(i).getName();
            String servers = env.get(RunContract.kafkaBootstrapEnv(name));
            if (servers == null && i == 0) {
                servers = env.get(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS);
            }
            if (servers == null || servers.isBlank()) {
                problems.add(RunContract.kafkaBootstrapEnv(name) + " is not set for broker " + name);
            } else {
                brokers.put(name, servers);
            }
        }
        if (brokerSpecs.isEmpty() && env.get(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS) != null) {
            brokers.put("default", env.get(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS));
        }

        Map<String, DatabaseConnection> databases = new LinkedHashMap<>();
        for (DatabaseSpec db : sitRun.getSpec() == null
                ? List.<DatabaseSpec>of()
                : sitRun.getSpec().getDatabases()) {
            String name = db.getName();
            String host = env.get(RunContract.databaseEnv(name, "HOST"));
            String port = env.get(RunContract.databaseEnv(name, "PORT"));
            String database = env.get(RunContract.databaseEnv(name, "DATABASE"));
            String user = env.get(RunContract.databaseEnv(name, "USER"));
            String password = env.get(RunContract.databaseEnv(name, "PASSWORD"));
            if (host == null || port == null || database == null || user == null) {
                problems.add("database " + name + ": " + RunContract.databaseEnv(name, "{HOST,PORT,DATABASE,USER}")
                        + " are not all set");
                continue;
            }
            try {
                databases.put(
                        name, new DatabaseConnection(name, host, Integer.parseInt(port), database, user, password));
            } catch (NumberFormatException e) {
                problems.add(RunContract.databaseEnv(name, "PORT") + " is not a number: " + port);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidEnvironmentException(String.join("; ", problems));
        }
        Path configMaps = Path.of(env.getOrDefault(RunContract.ENV_CONFIGMAPS_DIR, RunContract.CONFIGMAPS_MOUNT_PATH));
        Optional<Path> aws = Optional.ofNullable(env.get(RunContract.ENV_AWS_SHARED_CREDENTIALS_FILE))
                .map(Path::of);
        Optional<String> namespace =
                Optional.ofNullable(env.get(RunContract.ENV_RUN_NAMESPACE)).filter(s -> !s.isBlank());
        // The pod's environment is where spec.runner.env (a Secret's key for an HTTP token) reaches the steps.
        RunEnvironment run = new RunEnvironment(
                sitRun, brokers, databases, new ClusterFixtureResolver(configMaps), namespace, aws, Map.copyOf(env));
        if (namespace.isEmpty()) {
            return run;
        }
        Duration faultTimeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault(ENV_FAULT_TIMEOUT_SECONDS, "300")));
        Map<String, ClusterFaults.BrokerTopics> brokerTopics = new LinkedHashMap<>();
        for (BrokerSpec broker : brokerSpecs) {
            if (brokers.containsKey(broker.getName()) && broker.getKafka() != null) {
                List<NewTopic> topics = new ArrayList<>();
                for (TopicSpec topic : broker.getKafka().getTopics()) {
                    NewTopic t = new NewTopic(
                            topic.getName(), topic.partitionsOrDefault(), (short) topic.replicationFactorOrDefault());
                    if (topic.getConfig() != null) {
                        t.configs(topic.getConfig());
                    }
                    topics.add(t);
                }
                brokerTopics.put(
                        broker.getName(), new ClusterFaults.BrokerTopics(brokers.get(broker.getName()), topics));
            }
        }
        return run.withFaults(new ClusterFaults(
                () -> new KubernetesClientBuilder().build(), namespace.get(), faultTimeout, brokerTopics, databases));
    }

    static SitRun readSitRun(Path runFile) throws InvalidEnvironmentException {
        if (!Files.isRegularFile(runFile)) {
            throw new InvalidEnvironmentException(
                    "SitRun file " + runFile + " not found (set " + RunContract.ENV_RUN_FILE + ")");
        }
        try {
            SitRun sitRun = Serialization.unmarshal(Files.readString(runFile), SitRun.class);
            if (sitRun == null || sitRun.getSpec() == null) {
                throw new InvalidEnvironmentException("SitRun file " + runFile + " has no spec");
            }
            return sitRun;
        } catch (IOException | RuntimeException e) {
            throw new InvalidEnvironmentException("cannot read SitRun file " + runFile + ": " + e.getMessage());
        }
    }
}
