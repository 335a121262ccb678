package io.dataops.sit.runner.seed;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.report.ResultRedaction;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seed --database <name>}: the seed Job of one database in a cluster. Reads the mounted SitRun,
 * connects with the injected SIT_DB_&lt;NAME&gt;_* variables, seeds and checks the gates, writes the
 * {@link SeedResult} under {@code seed.<name>.json} of the results ConfigMap (a merge patch of that one
 * key, so parallel seed Jobs of other databases are not overwritten) and exits 0 passed, 1 gate failed,
 * 2 error.
 */
@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        description = "Seeds one database of the mounted SitRun and checks its gates (the seed Job).")
public final class SeedCommand implements Callable<Integer> {

    @Option(names = "--database", required = true, paramLabel = "NAME", description = "The database to seed.")
    String database;

    private final Function<String, String> env;

    /** @param env the seed Job's environment (the injected SIT_DB_&lt;NAME&gt;_* connection variables) */
    public SeedCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        return seed(database, env);
    }

    static int seed(String database, Function<String, String> env) {
        // Redacted before it is written or printed: database errors lose their SQL, URLs their credentials.
        SeedResult result = ResultRedaction.redact(seedInCluster(database, env));
        String namespace = env.apply(RunContract.ENV_RUN_NAMESPACE);
        if (namespace != null && !namespace.isBlank()) {
            try (KubernetesClient client = new KubernetesClientBuilder().build()) {
                writeResult(client, namespace, result);
            } catch (RuntimeException e) {
                System.err.println("seed: cannot write the result to ConfigMap " + RunContract.RESULTS_CONFIGMAP + ": "
                        + e.getMessage());
                return RunContract.EXIT_ERROR;
            }
        } else {
            System.out.println(ResultCodec.write(result));
        }
        return exitCode(result);
    }

    public static int exitCode(SeedResult result) {
        return switch (result.getOutcome()) {
            case PASSED -> RunContract.EXIT_PASSED;
            case FAILED -> RunContract.EXIT_FAILED;
            case ERROR -> RunContract.EXIT_ERROR;
        };
    }

    static SeedResult seedInCluster(String database, Function<String, String> env) {
        String runFile =
                envOr(env, RunContract.ENV_RUN_FILE, RunContract.RUN_MOUNT_PATH + "/" + RunContract.RUN_CONFIGMAP_KEY);
        SitRun sitRun;
        try (InputStream in = Files.newInputStream(Path.of(runFile))) {
            sitRun = Serialization.unmarshal(in, SitRun.class);
        } catch (IOException | RuntimeException e) {
            return error(
                    database, RunReason.BAD_INPUT, "cannot read the SitRun from " + runFile + ": " + e.getMessage());
        }
        DatabaseSpec spec = sitRun.getSpec() == null
                ? null
                : sitRun.getSpec().getDatabases().stream()
                        .filter(d -> database.equals(d.getName()))
                        .findFirst()
                        .orElse(null);
        if (spec == null) {
            return error(database, RunReason.BAD_INPUT, "the SitRun declares no database named '" + database + "'");
        }
        DatabaseConnection connection;
        try {
            connection = new DatabaseConnection(
                    database,
                    requireEnv(env, RunContract.databaseEnv(database, "HOST")),
                    Integer.parseInt(requireEnv(env, RunContract.databaseEnv(database, "PORT"))),
                    requireEnv(env, RunContract.databaseEnv(database, "DATABASE")),
                    requireEnv(env, RunContract.databaseEnv(database, "USER")),
                    requireEnv(env, RunContract.databaseEnv(database, "PASSWORD")));
        } catch (IllegalArgumentException e) {
            return error(database, RunReason.BAD_INPUT, e.getMessage());
        }
        Path configMaps = Path.of(envOr(env, RunContract.ENV_CONFIGMAPS_DIR, RunContract.CONFIGMAPS_MOUNT_PATH));
        System.out.println("seed: database " + database + " (" + connection + "), dataset "
                + (spec.getDatasetVersion() == null ? "unversioned" : spec.getDatasetVersion()));
        return new Seeder(new ConfigMapFolderFixtures(configMaps), System.out).seed(spec, connection);
    }

    /** Merge-patches only this database's key, so results of other seed Jobs and the runner stay. */
    static void writeResult(KubernetesClient client, String namespace, SeedResult result) {
        ConfigMap patch = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(RunContract.RESULTS_CONFIGMAP)
                .endMetadata()
                .withData(Map.of(RunContract.seedResultKey(result.getDatabase()), ResultCodec.write(result)))
                .build();
        client.configMaps()
                .inNamespace(namespace)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private static SeedResult error(String database, RunReason reason, String message) {
        System.err.println("seed: " + message);
        return SeedResult.error(database, reason, message);
    }

    private static String requireEnv(Function<String, String> env, String name) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value;
    }

    private static String envOr(Function<String, String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
