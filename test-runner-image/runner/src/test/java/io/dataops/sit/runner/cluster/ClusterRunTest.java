package io.dataops.sit.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunProgress;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.testing.SharedKafka;
import io.dataops.sit.runner.testing.TestEnv;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The in-cluster path: env parsing, the features mount, and the result written into sit-results (fabric8 mock server). */
@EnableKubernetesMockClient(crud = true)
class ClusterRunTest {

    static KubernetesClient client;
    static KubernetesMockServer server;
    static final String NS = "sit-orders-1a2b3c";

    @TempDir
    Path root;

    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        TestEnv.write(root, "run/sitrun.yaml", """
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: orders
                spec:
                  brokers:
                    - name: main
                    - name: audit-log
                  databases:
                    - name: orders-db
                  runner:
                    features:
                      configMapRef:
                        name: orders-features
                    tags: "@smoke"
                """);
        env = new HashMap<>();
        env.put(RunContract.ENV_RUN_FILE, root.resolve("run/sitrun.yaml").toString());
        env.put(RunContract.ENV_CONFIGMAPS_DIR, root.resolve("configmaps").toString());
        env.put(RunContract.ENV_RUN_NAMESPACE, NS);
        env.put(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS, "kafka-main:9092");
        env.put("SIT_KAFKA_AUDIT_LOG_BOOTSTRAP_SERVERS", "kafka-audit:9092");
        env.put("SIT_DB_ORDERS_DB_HOST", "orders-db");
        env.put("SIT_DB_ORDERS_DB_PORT", "5432");
        env.put("SIT_DB_ORDERS_DB_DATABASE", "orders");
        env.put("SIT_DB_ORDERS_DB_USER", "sit");
        env.put("SIT_DB_ORDERS_DB_PASSWORD", "s3cret");
        env.put(ClusterRunCommand.ENV_OUTPUT_DIR, root.resolve("out").toString());
        client.configMaps()
                .inNamespace(NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(RunContract.RESULTS_CONFIGMAP)
                        .withNamespace(NS)
                        .endMetadata()
                        .addToData("seed.orders-db.json", "{\"kept\": true}")
                        .build())
                .createOr(c -> c.update());
        // The operator creates sit-reports empty; the runner only patches it.
        client.configMaps()
                .inNamespace(NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(RunContract.REPORTS_CONFIGMAP)
                        .withNamespace(NS)
                        .endMetadata()
                        .build())
                .createOr(c -> c.update());
    }

    /** Requests the mock server received so far, oldest first, as "METHOD path" (the mock keeps no bodies). */
    static List<String> requests() throws InterruptedException {
        List<String> requests = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            requests.add(r.getMethod() + " " + r.getPath());
        }
        return requests;
    }

    /** Positions of the PATCH requests on {@code configMap}, in order. */
    static List<Integer> patches(List<String> requests, String configMap) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).equals("PATCH /api/v1/namespaces/" + NS + "/configmaps/" + configMap)) {
                positions.add(i);
            }
        }
        return positions;
    }

    static String gunzip(byte[] gz) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] binary(ConfigMap cm, String key) {
        return Base64.getDecoder().decode(cm.getBinaryData().get(key));
    }

    @Test
    void reportsReachSitReportsBeforeTheResultReachesSitResults() throws Exception {
        TestEnv.write(root, "configmaps/orders-features/orders.feature", """
                Feature: orders
                  @smoke
                  Scenario: typo
                    Given sampel data is loaded from: orders.json
                """);
        requests();

        int exit =
                ClusterRunCommand.run(env, () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()));

        assertThat(exit).isEqualTo(RunContract.EXIT_ERROR);
        List<String> requests = requests();
        // Reports, then data evidence into sit-reports; the dry run failed, so the one sit-results patch is
        // runner.json.
        List<Integer> reportPatches = patches(requests, RunContract.REPORTS_CONFIGMAP);
        List<Integer> resultPatches = patches(requests, RunContract.RESULTS_CONFIGMAP);
        assertThat(reportPatches).as(String.join("\n", requests)).hasSize(2);
        assertThat(resultPatches).as(String.join("\n", requests)).hasSize(1);
        assertThat(resultPatches.get(0)).isGreaterThan(reportPatches.get(1));
        ConfigMap published = client.configMaps()
                .inNamespace(NS)
                .withName(RunContract.REPORTS_CONFIGMAP)
                .get();
        String junit = gunzip(binary(published, Artifacts.JUNIT_KEY));
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.getBytes(StandardCharsets.UTF_8)));
        assertThat(junit).contains("orders.feature:4");
        assertThat(ResultCodec.readRunner(gunzip(binary(published, Artifacts.RESULT_KEY)))
                        .getReason())
                .isEqualTo("UnknownStep");
        // The dry run stopped the run: no HTML, and the note says so.
        assertThat(published.getData()).containsKey(Artifacts.NOTE_KEY);
        // An Error run captures data evidence by default (OnFailure); the unreachable servers are notes in it.
        String manifest = EvidenceBundle.unpack(binary(published, RunContract.DATA_EVIDENCE_KEY))
                .get(0)
                .text();
        assertThat(manifest).contains("kafka/main", "orders-db").doesNotContain("s3cret");
        assertThat(root.resolve("out/junit.xml")).exists();
    }

    @Test
    void environmentComesFromTheInjectedVariables() throws Exception {
        RunEnvironment runEnv = ClusterEnvironment.fromEnv(env);
        assertThat(runEnv.sitRun().getMetadata().getName()).isEqualTo("orders");
        assertThat(runEnv.brokers())
                .containsEntry("main", "kafka-main:9092")
                .containsEntry("audit-log", "kafka-audit:9092");
        assertThat(runEnv.bootstrapServers(null)).isEqualTo("kafka-main:9092");
        assertThat(runEnv.database("orders-db").jdbcUrl()).isEqualTo("jdbc:postgresql://orders-db:5432/orders");
        assertThat(runEnv.database("orders-db").toString()).doesNotContain("s3cret");
        assertThat(runEnv.kubernetesNamespace()).contains(NS);
        assertThat(runEnv.awsCredentialsFile()).isEmpty();
    }

    @Test
    void missingVariablesAreNamed() {
        env.remove("SIT_KAFKA_AUDIT_LOG_BOOTSTRAP_SERVERS");
        env.remove("SIT_DB_ORDERS_DB_HOST");
        assertThatThrownBy(() -> ClusterEnvironment.fromEnv(env))
                .hasMessageContaining("SIT_KAFKA_AUDIT_LOG_BOOTSTRAP_SERVERS")
                .hasMessageContaining("SIT_DB_ORDERS_DB_");
    }

    @Test
    void runWritesTheResultIntoTheResultsConfigMapKeepingOtherKeys() throws Exception {
        TestEnv.write(root, "configmaps/orders-features/orders.feature", """
                Feature: orders
                  @smoke
                  Scenario: typo
                    Given sampel data is loaded from: orders.json
                """);

        int exit =
                ClusterRunCommand.run(env, () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()));

        assertThat(exit).isEqualTo(RunContract.EXIT_ERROR);
        ConfigMap results = client.configMaps()
                .inNamespace(NS)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .get();
        assertThat(results.getData()).containsEntry("seed.orders-db.json", "{\"kept\": true}");
        RunnerResult result = ResultCodec.readRunner(results.getData().get(RunContract.RUNNER_RESULT_KEY));
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("UnknownStep");
        assertThat(result.getMessage()).contains("orders.feature:4").contains("sample data is loaded from: <file>");
        assertThat(root.resolve("out/junit.xml")).exists();
        assertThat(root.resolve("out/result.json")).exists();
    }

    @ParameterizedTest
    @CsvSource({"1, 0, Passed", "5, 1, Failed"})
    void exitCodeFollowsTheThresholds(int expectedRecords, int expectedExit, String outcome) throws Exception {
        String topic = "cluster_" + UUID.randomUUID().toString().substring(0, 8);
        env.put(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS, SharedKafka.bootstrapServers());
        env.put("SIT_KAFKA_AUDIT_LOG_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
        TestEnv.write(root, "configmaps/orders-features/one.json", "{\"id\": 1}");
        TestEnv.write(root, "configmaps/orders-features/count.feature", """
                Feature: count
                  @smoke
                  Scenario: one record
                    Given sample data is loaded from: tests/fixtures/one.json
                    And published to Kafka topic: %1$s
                    And result consumed from Kafka topic on checkpoint: %1$s
                    Then the result contains %2$d records with tolerance of +/- 0
                """.formatted(topic, expectedRecords));

        int exit =
                ClusterRunCommand.run(env, () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()));

        assertThat(exit).isEqualTo(expectedExit);
        RunnerResult result = ResultCodec.readRunner(client.configMaps()
                .inNamespace(NS)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .get()
                .getData()
                .get(RunContract.RUNNER_RESULT_KEY));
        assertThat(result.getOutcome().value()).isEqualTo(outcome);
        assertThat(result.getThresholds())
                .singleElement()
                .satisfies(t -> assertThat(t.getActual()).isEqualByComparingTo("1"));
        RunProgress progress = ResultCodec.readProgress(client.configMaps()
                .inNamespace(NS)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .get()
                .getData()
                .get(RunContract.PROGRESS_KEY));
        assertThat(progress.getTotal()).isEqualTo(1);
        assertThat(progress.getFinished()).isEqualTo(1);
        assertThat(progress.getPassed()).isEqualTo(expectedExit == 0 ? 1 : 0);
        assertThat(progress.getCurrent()).isEqualTo("one record");
        ConfigMap reports = client.configMaps()
                .inNamespace(NS)
                .withName(RunContract.REPORTS_CONFIGMAP)
                .get();
        assertThat(gunzip(binary(reports, Artifacts.HTML_KEY)))
                .containsIgnoringCase("<html")
                .contains("one record");
        assertThat(root.resolve("out/report.html")).exists();
        if (expectedExit == 0) {
            // A passed run keeps no data evidence by default (OnFailure).
            assertThat(reports.getBinaryData()).doesNotContainKey(RunContract.DATA_EVIDENCE_KEY);
        } else {
            List<String> paths = EvidenceBundle.unpack(binary(reports, RunContract.DATA_EVIDENCE_KEY)).stream()
                    .map(EvidenceBundle.File::path)
                    .toList();
            assertThat(paths).contains("kafka/main/" + topic + ".json", "kafka/audit-log/" + topic + ".json");
        }
    }

    @Test
    void missingFeaturesConfigMapIsAnErrorResult() throws Exception {
        int exit =
                ClusterRunCommand.run(env, () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()));

        assertThat(exit).isEqualTo(RunContract.EXIT_ERROR);
        RunnerResult result = ResultCodec.readRunner(client.configMaps()
                .inNamespace(NS)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .get()
                .getData()
                .get(RunContract.RUNNER_RESULT_KEY));
        assertThat(result.getReason()).isEqualTo("FixtureNotFound");
        assertThat(result.getMessage()).contains("orders-features");
    }

    @Test
    void oversizedResultsAreTrimmedBelowTheLimit() throws Exception {
        RunnerResult big = new RunnerResult();
        big.setOutcome(Outcome.FAILED);
        for (int i = 0; i < 3000; i++) {
            ScenarioResult s = new ScenarioResult();
            s.setName("scenario " + i);
            s.setStatus("failed");
            s.setMessage("x".repeat(200));
            big.getScenarioResults().add(s);
        }
        String json = ClusterRunCommand.fitToLimit(big);
        assertThat(json.length()).isLessThanOrEqualTo(RunContract.MAX_RESULT_BYTES);
        assertThat(ResultCodec.readRunner(json).getOutcome()).isEqualTo(Outcome.FAILED);
    }
}
