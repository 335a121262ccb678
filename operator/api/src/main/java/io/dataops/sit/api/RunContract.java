package io.dataops.sit.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator and the runner agree on inside a run's namespace: object names, mount paths,
 * environment variables and exit codes. Both sides read these constants, so a rename is one edit.
 */
public final class RunContract {

    private RunContract() {}

    /** ConfigMap the runner writes its results into; the runner's ServiceAccount may update only this one. */
    public static final String RESULTS_CONFIGMAP = "sit-results";
    /** Key of the runner's scenario/threshold result in {@link #RESULTS_CONFIGMAP}. */
    public static final String RUNNER_RESULT_KEY = "runner.json";
    /** Upper bound the operator accepts for one result document; larger is reported as ResultTooLarge. */
    public static final int MAX_RESULT_BYTES = 256 * 1024;

    /** Key of a seed Job's result in {@link #RESULTS_CONFIGMAP}, one per database. */
    public static String seedResultKey(String database) {
        return "seed." + database + ".json";
    }

    /** Key in {@link #RESULTS_CONFIGMAP} the runner updates after each scenario ({@link io.dataops.sit.api.results.RunProgress}). */
    public static final String PROGRESS_KEY = "progress.json";

    /**
     * ConfigMap of the run namespace the runner fills, before its result, with its reports (binaryData, gzip,
     * {@link io.dataops.sit.api.evidence.Artifacts#JUNIT_KEY} and siblings) and, when the run keeps evidence, its
     * data evidence ({@link #DATA_EVIDENCE_KEY}). The operator copies it next to the SitRun when the run ends.
     */
    public static final String REPORTS_CONFIGMAP = "sit-reports";
    /** binaryData key in {@link #REPORTS_CONFIGMAP}: an EvidenceBundle of topic and table samples. */
    public static final String DATA_EVIDENCE_KEY = "data-evidence.tar.gz";
    /** Bound of the runner's data evidence (compressed); the reports share the rest of the ConfigMap. */
    public static final int MAX_DATA_EVIDENCE_BYTES = 384 * 1024;
    /** Records sampled per topic (the last ones) and rows per table, set by the operator (sit.evidence.*). */
    public static final String ENV_EVIDENCE_RECORDS = "SIT_EVIDENCE_RECORDS";

    public static final String ENV_EVIDENCE_ROWS = "SIT_EVIDENCE_ROWS";

    /** ConfigMap holding the SitRun itself (metadata.name + spec) as the runner reads it in a cluster. */
    public static final String RUN_CONFIGMAP = "sit-run";

    public static final String RUN_CONFIGMAP_KEY = "sitrun.yaml";

    /** ServiceAccount of the runner and seed Jobs. */
    public static final String RUNNER_SERVICE_ACCOUNT = "sit-runner";

    /** Where the SitRun document is mounted in runner and seed pods. */
    public static final String RUN_MOUNT_PATH = "/sit/run";
    /** Each ConfigMap the SitRun references is mounted at CONFIGMAPS_MOUNT_PATH/&lt;configmap name&gt;/&lt;key&gt;. */
    public static final String CONFIGMAPS_MOUNT_PATH = "/sit/configmaps";
    /** AWS credentials file (shared-credentials format, profile "default"), refreshed in place by the operator. */
    public static final String AWS_MOUNT_PATH = "/sit/aws";

    public static final String AWS_CREDENTIALS_KEY = "credentials";

    // Environment variables injected into the runner, the seed Jobs and the systems under test.
    public static final String ENV_RUN_NAME = "SIT_RUN_NAME";
    public static final String ENV_RUN_NAMESPACE = "SIT_RUN_NAMESPACE";
    public static final String ENV_RUN_FILE = "SIT_RUN_FILE";
    public static final String ENV_CONFIGMAPS_DIR = "SIT_CONFIGMAPS_DIR";
    /** Bootstrap servers of the first broker; every broker also gets {@link #kafkaBootstrapEnv(String)}. */
    public static final String ENV_KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

    /**
     * The run's Schema Registry (spec.schemaRegistry), as Confluent-style clients take it (schema.registry.url): the
     * registry's Confluent-compatible API base, ending in {@link #SCHEMA_REGISTRY_API_PATH}. The conventional name,
     * as {@link #ENV_KAFKA_BOOTSTRAP_SERVERS} is; {@link #ENV_SIT_SCHEMA_REGISTRY_URL} carries the same value.
     */
    public static final String ENV_SCHEMA_REGISTRY_URL = "SCHEMA_REGISTRY_URL";

    public static final String ENV_SIT_SCHEMA_REGISTRY_URL = "SIT_SCHEMA_REGISTRY_URL";
    /** Apicurio Registry's Confluent-compatible API (ccompat v7), under the registry's root. */
    public static final String SCHEMA_REGISTRY_API_PATH = "/apis/ccompat/v7";
    /** The registry's readiness endpoint (Quarkus SmallRye Health) on its management port, not the API port. */
    public static final String SCHEMA_REGISTRY_READY_PATH = "/health/ready";

    public static final String ENV_AWS_REGION = "AWS_REGION";
    public static final String ENV_AWS_SHARED_CREDENTIALS_FILE = "AWS_SHARED_CREDENTIALS_FILE";

    /**
     * The StatefulSet of a built-in broker (provider builtin) in the run namespace. The operator names it so and
     * the runner's fault steps scale it (only with spec.runner.faults): one name for both sides.
     */
    public static String builtinBrokerStatefulSet(String broker) {
        return broker + "-kafka";
    }

    /** The StatefulSet of a database's PostgreSQL server in the run namespace (see {@link #builtinBrokerStatefulSet}). */
    public static String databaseStatefulSet(String database) {
        return database + "-postgres";
    }

    /** The Deployment of a system under test in the run namespace: the system's own name. */
    public static String systemDeployment(String system) {
        return system;
    }

    public static String kafkaBootstrapEnv(String broker) {
        return "SIT_KAFKA_" + envName(broker) + "_BOOTSTRAP_SERVERS";
    }

    /** Database connection variables: SIT_DB_&lt;NAME&gt;_{HOST,PORT,DATABASE,USER,PASSWORD,JDBC_URL}. */
    public static String databaseEnv(String database, String suffix) {
        return "SIT_DB_" + envName(database) + "_" + suffix;
    }

    public static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** One database as the connection variables name it ({@link #databaseEnv(String, String)}). */
    public record DatabaseAddress(
            String host, int port, String database, String user, String password, String jdbcUrl) {}

    /**
     * The connection variables of a run, in the order the operator injects them into the runner, the seed
     * Jobs and the systems under test: run name and namespace, the ConfigMaps folder, the first broker as
     * {@link #ENV_KAFKA_BOOTSTRAP_SERVERS}, every broker by name, every database by name, the Schema Registry's URL
     * when the run has one. The one definition of
     * these names: the operator's ConnectionEnv wraps it with cluster values (the password as a secretKeyRef, the
     * runner's SIT_RUN_FILE added); local mode hands it as-is to the systems it starts.
     *
     * @param runNamespace empty outside a cluster: the runner reads {@link #ENV_RUN_NAMESPACE} as "report
     *                     to the operator in this namespace", so local mode must not set it
     * @param brokers      broker name to bootstrap servers, in spec order
     * @param databases    database name to its address, in spec order
     * @param schemaRegistryUrl the registry's Confluent-compatible API URL, when spec.schemaRegistry is enabled
     */
    public static Map<String, String> connectionEnv(
            String runName,
            Optional<String> runNamespace,
            String configMapsDir,
            Map<String, String> brokers,
            Map<String, DatabaseAddress> databases,
            Optional<String> schemaRegistryUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_RUN_NAME, runName);
        runNamespace.ifPresent(ns -> env.put(ENV_RUN_NAMESPACE, ns));
        env.put(ENV_CONFIGMAPS_DIR, configMapsDir);
        brokers.values().stream().findFirst().ifPresent(servers -> env.put(ENV_KAFKA_BOOTSTRAP_SERVERS, servers));
        brokers.forEach((name, servers) -> env.put(kafkaBootstrapEnv(name), servers));
        databases.forEach((name, db) -> {
            env.put(databaseEnv(name, "HOST"), db.host());
            env.put(databaseEnv(name, "PORT"), Integer.toString(db.port()));
            env.put(databaseEnv(name, "DATABASE"), db.database());
            env.put(databaseEnv(name, "USER"), db.user());
            env.put(databaseEnv(name, "PASSWORD"), db.password());
            env.put(databaseEnv(name, "JDBC_URL"), db.jdbcUrl());
        });
        schemaRegistryUrl.ifPresent(url -> {
            env.put(ENV_SCHEMA_REGISTRY_URL, url);
            env.put(ENV_SIT_SCHEMA_REGISTRY_URL, url);
        });
        return env;
    }

    // Runner exit codes, also used by ./sit run.
    public static final int EXIT_PASSED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_ERROR = 2;
}
