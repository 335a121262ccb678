package io.dataops.sit.runner.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.SeedResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The seed Job's command: mounted SitRun + injected SIT_DB_* variables in, exit code and result out. */
@EnableKubernetesMockClient(crud = true)
class SeedCommandTest {

    private static EmbeddedPostgres postgres;
    KubernetesClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private Map<String, String> env(String sitRunYaml) throws Exception {
        Path runFile = dir.resolve("sitrun.yaml");
        Files.writeString(runFile, sitRunYaml);
        Path golden = Files.createDirectories(dir.resolve("configmaps/golden"));
        Files.writeString(golden.resolve("schema.sql"), "CREATE TABLE IF NOT EXISTS currency (code text PRIMARY KEY);");
        Files.writeString(golden.resolve("currency.csv"), "code\nEUR\nUSD\n");
        Map<String, String> env = new HashMap<>();
        env.put(RunContract.ENV_RUN_FILE, runFile.toString());
        env.put(RunContract.ENV_CONFIGMAPS_DIR, dir.resolve("configmaps").toString());
        env.put("SIT_DB_WAREHOUSE_HOST", "localhost");
        env.put("SIT_DB_WAREHOUSE_PORT", String.valueOf(postgres.getPort()));
        env.put("SIT_DB_WAREHOUSE_DATABASE", "postgres");
        env.put("SIT_DB_WAREHOUSE_USER", "postgres");
        env.put("SIT_DB_WAREHOUSE_PASSWORD", "postgres");
        return env;
    }

    private static String sitRun(long minRows) {
        return """
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata: {name: orders}
                spec:
                  databases:
                    - name: warehouse
                      postgres: {}
                      datasetVersion: golden-v1
                      seed:
                        - sql: {configMapRef: {name: golden, key: schema.sql}}
                        - csv: {configMapRef: {name: golden, key: currency.csv}, table: currency}
                      checks:
                        - {table: currency, minRows: %d}
                  runner: {features: {configMapRef: {name: f}}}
                """.formatted(minRows);
    }

    @Test
    void seedsFromTheMountsAndExitsByOutcome() throws Exception {
        Map<String, String> passing = env(sitRun(2));
        assertThat(seed(passing, "--database", "warehouse")).isZero();

        Map<String, String> gated = env(sitRun(5));
        assertThat(seed(gated, "--database", "warehouse")).isEqualTo(1);

        assertThat(seed(gated, "--database", "nope")).isEqualTo(2);
        assertThat(seed(gated)).as("no --database").isEqualTo(2);
    }

    @Test
    void theResultIsMergedIntoItsOwnKeyOfTheResultsConfigMap() throws Exception {
        client.configMaps()
                .inNamespace("sit-run-1")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(RunContract.RESULTS_CONFIGMAP)
                        .endMetadata()
                        .withData(Map.of("seed.other.json", "{}"))
                        .build())
                .create();
        SeedResult result = SeedCommand.seedInCluster("warehouse", env(sitRun(1))::get);

        SeedCommand.writeResult(client, "sit-run-1", result);

        ConfigMap cm = client.configMaps()
                .inNamespace("sit-run-1")
                .withName(RunContract.RESULTS_CONFIGMAP)
                .get();
        assertThat(cm.getData()).containsKey("seed.other.json");
        SeedResult stored = ResultCodec.readSeed(cm.getData().get(RunContract.seedResultKey("warehouse")));
        assertThat(stored.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(stored.getDatasetVersion()).isEqualTo("golden-v1");
        assertThat(stored.getTotalRows()).isEqualTo(2);
    }

    /** {@code sit-runner seed ARGS} with the seed Job's environment {@code env}. */
    private static int seed(Map<String, String> env, String... args) {
        return new CommandLine(new SeedCommand(env::get)).execute(args);
    }
}
