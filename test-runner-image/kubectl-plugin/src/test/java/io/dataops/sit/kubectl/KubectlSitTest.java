package io.dataops.sit.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.api.v1alpha1.status.EvidenceStatus;
import io.dataops.sit.api.v1alpha1.status.ReportStatus;
import io.dataops.sit.api.v1alpha1.status.ResultsStatus;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kubectl sit against fabric8's mock API server (CRUD mode), through the same entry point as the jar. */
@EnableKubernetesMockClient(crud = true)
class KubectlSitTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    static final String NS = "team-a";
    static final String OTHER_NS = "team-b";

    @TempDir
    Path dir;

    Path kubeconfig;

    record Result(int code, String out, String err) {}

    @BeforeEach
    void kubeconfig() throws IOException {
        // Two contexts on the same mock server, differing by namespace: -n and --context must pick the right one.
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: tester
                  user: {token: not-a-secret}
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: %s}
                - name: other
                  context: {cluster: mock, user: tester, namespace: %s}
                current-context: mock
                """.formatted(client.getConfiguration().getMasterUrl(), NS, OTHER_NS));
    }

    Result sit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // --kubeconfig is inherited by every subcommand (and read by __complete), so it can follow the first word.
        List<String> all = new ArrayList<>(List.of(args));
        all.add(args.length > 0 && !args[0].startsWith("-") ? 1 : 0, "--kubeconfig=" + kubeconfig);
        int code =
                KubectlSit.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    Path sitRunFile(String name) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %1$s-features
                data:
                  a.feature: "Feature: a"
                ---
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: %1$s
                spec:
                  timeout: 10m
                """.formatted(name));
        return file;
    }

    static SitRun sitRun(String namespace, String name, Phase phase) {
        SitRun run = new SitRun();
        run.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        run.setSpec(new SitRunSpec());
        if (phase != null) {
            SitRunStatus status = new SitRunStatus();
            status.setPhase(phase);
            status.setNamespace("sit-" + name);
            run.setStatus(status);
        }
        return run;
    }

    static void editStatus(String namespace, String name, Consumer<SitRunStatus> change) {
        // No CRD in the mock, so status is a plain field: a whole-object update keeps it.
        client.resources(SitRun.class).inNamespace(namespace).withName(name).edit(run -> {
            if (run.getStatus() == null) {
                run.setStatus(new SitRunStatus());
            }
            change.accept(run.getStatus());
            return run;
        });
    }

    static RunnerResult result(Outcome outcome) {
        RunnerResult result = new RunnerResult();
        result.setOutcome(outcome);
        result.setScenarios(
                new ScenarioCounts(2, outcome == Outcome.PASSED ? 2 : 1, outcome == Outcome.PASSED ? 0 : 1));
        ThresholdResult t = new ThresholdResult(
                "orders out", BigDecimal.valueOf(2), BigDecimal.ONE, BigDecimal.valueOf(2), outcome == Outcome.PASSED);
        result.setThresholds(List.of(t));
        return result;
    }

    static String gzipBase64(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** What the operator publishes: the report ConfigMap next to the SitRun. */
    static void publishReport(String namespace, String name, RunnerResult result) {
        client.configMaps()
                .inNamespace(namespace)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(Artifacts.reportConfigMap(name))
                        .endMetadata()
                        .withData(Map.of(Artifacts.NOTE_KEY, ""))
                        .withBinaryData(Map.of(
                                Artifacts.JUNIT_KEY,
                                        gzipBase64(Reports.junitXml(result).getBytes(StandardCharsets.UTF_8)),
                                Artifacts.RESULT_KEY,
                                        gzipBase64(ResultCodec.write(result).getBytes(StandardCharsets.UTF_8)),
                                Artifacts.HTML_KEY,
                                        gzipBase64("<html>report of %s</html>"
                                                .formatted(name)
                                                .getBytes(StandardCharsets.UTF_8))))
                        .build())
                .create();
    }

    static void awaitCreated(String namespace, String name) {
        client.resources(SitRun.class)
                .inNamespace(namespace)
                .withName(name)
                .waitUntilCondition(Objects::nonNull, 30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @CsvSource({"passing, Succeeded, 0, Passed", "failing, Failed, 1, Failed"})
    void runAppliesFollowsAndWritesTheReportsOfTheCluster(String name, String terminal, int exitCode, String outcome)
            throws Exception {
        Phase end = Phase.valueOf(terminal.toUpperCase());
        RunnerResult published = result(end == Phase.SUCCEEDED ? Outcome.PASSED : Outcome.FAILED);
        // The operator's part, played by a second thread once the CLI has applied the SitRun.
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
            awaitCreated(NS, name);
            editStatus(NS, name, s -> s.setPhase(Phase.PROVISIONING));
            editStatus(NS, name, s -> {
                s.setPhase(Phase.SEEDING);
                DatabaseStatus db = new DatabaseStatus();
                db.setName("warehouse");
                db.setSeededRows(42L);
                db.setSeeded(true);
                s.setDatabases(List.of(db));
            });
            editStatus(NS, name, s -> {
                s.setPhase(Phase.TESTING);
                ResultsStatus results = new ResultsStatus();
                results.setScenarios(new ScenarioCounts(2, 1, 0));
                s.setResults(results);
            });
            editStatus(NS, name, s -> {
                s.setPhase(end);
                s.setReason(end == Phase.SUCCEEDED ? "AllPassed" : "ThresholdsFailed");
            });
            publishReport(NS, name, published);
            editStatus(NS, name, s -> {
                ReportStatus report = new ReportStatus();
                report.setConfigMap(Artifacts.reportConfigMap(name));
                s.setReport(report);
            });
        });
        Path junit = dir.resolve("out/junit.xml");
        Path json = dir.resolve("out/result.json");
        Path html = dir.resolve("out/report.html");

        Result result = sit(
                "run",
                "-f",
                sitRunFile(name).toString(),
                "--timeout",
                "60s",
                "--junit",
                junit.toString(),
                "--json",
                json.toString(),
                "--html",
                html.toString());
        operator.get(30, TimeUnit.SECONDS);

        assertThat(result.code()).as(result.err()).isEqualTo(exitCode);
        assertThat(client.configMaps()
                        .inNamespace(NS)
                        .withName(name + "-features")
                        .get())
                .as("the file's ConfigMap is applied too")
                .isNotNull();
        assertThat(result.err())
                .contains("sitrun/" + name + " applied in namespace " + NS)
                .contains(terminal);
        assertThat(result.out()).contains("Outcome: " + outcome).contains("orders out");
        assertThat(Files.readString(junit)).isEqualTo(Reports.junitXml(published));
        assertThat(ResultCodec.readRunner(Files.readString(json)).getOutcome()).isEqualTo(published.getOutcome());
        assertThat(Files.readString(html)).isEqualTo("<html>report of " + name + "</html>");
    }

    @Test
    void runPrintsProgressAsTheStatusChanges() {
        StringWriter progress = new StringWriter();
        RunFollower follower = new RunFollower(null, "x", new PrintWriter(progress, true));
        SitRunStatus status = new SitRunStatus();
        status.setPhase(Phase.SEEDING);
        DatabaseStatus db = new DatabaseStatus();
        db.setName("warehouse");
        db.setSeededRows(10L);
        status.setDatabases(List.of(db));
        follower.print(status);
        follower.print(status); // a repeated status prints nothing
        status.setPhase(Phase.TESTING);
        ResultsStatus results = new ResultsStatus();
        results.setScenarios(new ScenarioCounts(4, 1, 1));
        results.setPassed("1/2");
        status.setResults(results);
        follower.print(status);

        assertThat(progress.toString().lines().map(l -> l.substring(8)).toList())
                .containsExactly(
                        "Seeding",
                        "database warehouse: 10 rows",
                        "Testing",
                        "scenarios 2/4 done: 1 passed, 1 failed; thresholds passed 1/2");
    }

    @Test
    void runOfAnErrorWithoutReportsExitsTwoAndBuildsTheJunitFromStatus() throws Exception {
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
            awaitCreated(NS, "broken");
            editStatus(NS, "broken", s -> {
                s.setPhase(Phase.ERROR);
                s.setReason("ConfigMapNotFound");
                s.setMessage("configmap orders-features not found");
                ReportStatus report = new ReportStatus();
                report.setMessage("the runner never ran: no reports");
                s.setReport(report);
            });
        });
        Path junit = dir.resolve("junit.xml");

        Result result = sit("run", "-f", sitRunFile("broken").toString(), "--junit", junit.toString());
        operator.get(30, TimeUnit.SECONDS);

        assertThat(result.code()).as(result.err()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(result.out())
                .contains("Outcome: Error (ConfigMapNotFound)")
                .contains("configmap orders-features not found");
        assertThat(result.err()).contains("the runner never ran: no reports");
        assertThat(Files.readString(junit)).contains("<testsuite").contains("ConfigMapNotFound");
    }

    @Test
    void runTimesOutWithExitTwoWhenTheRunDoesNotEnd() throws Exception {
        Path junit = dir.resolve("junit.xml");

        Result result = sit("run", "-f", sitRunFile("slow").toString(), "--timeout", "1s", "--junit", junit.toString());

        assertThat(result.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(result.err())
                .contains("waiting for the operator")
                .contains("timed out after 1s waiting for sitrun/slow (no phase yet)");
        assertThat(result.out()).contains("Outcome: Error (Timeout)");
        assertThat(Files.readString(junit)).contains("Timeout");
    }

    @Test
    void runRefusesASitRunThatAlreadyEndedAndPointsAtRerun() throws Exception {
        client.resources(SitRun.class)
                .inNamespace(NS)
                .resource(sitRun(NS, "done", Phase.SUCCEEDED))
                .create();

        Result result = sit("run", "-f", sitRunFile("done").toString());

        assertThat(result.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(result.err().strip())
                .startsWith("error: sitrun/done already ended (Succeeded)")
                .contains("kubectl sit rerun done")
                .doesNotContain("Exception")
                .hasLineCount(1);
    }

    @Test
    void runTakesTheFilesNamespaceUnlessMinusNSaysOtherwise() throws Exception {
        Path file = dir.resolve("namespaced.yaml");
        Files.writeString(file, """
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata: {name: namespaced, namespace: team-c}
                spec: {timeout: 10m}
                """);

        Result conflicting = sit("run", "-f", file.toString(), "-n", NS, "--no-wait");
        Result applied = sit("run", "-f", file.toString(), "--no-wait");
        Result reportsWithoutWaiting = sit("run", "-f", file.toString(), "--no-wait", "--junit", "j.xml");

        assertThat(conflicting.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(conflicting.err())
                .contains("names namespace team-c but the target namespace is team-a (use -n team-c)");
        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(client.resources(SitRun.class)
                        .inNamespace("team-c")
                        .withName("namespaced")
                        .get())
                .isNotNull();
        assertThat(reportsWithoutWaiting.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(reportsWithoutWaiting.err()).contains("need the run to end");
    }

    @Test
    void theExamplesApplyAsTheyAre() throws IOException {
        Path examples = Path.of("../../examples");
        try (var files = Files.list(examples)) {
            for (Path example :
                    files.filter(f -> f.toString().endsWith("-sitrun.yaml")).toList()) {
                Result result = sit("run", "-f", example.toString(), "-n", "examples", "--no-wait");
                assertThat(result.code()).as(example + ": " + result.err()).isZero();
            }
        }

        SitRun orders = client.resources(SitRun.class)
                .inNamespace("examples")
                .withName("orders")
                .get();
        assertThat(orders.getSpec().getDatabases()).isNotEmpty();
        assertThat(client.configMaps()
                        .inNamespace("examples")
                        .withName("orders-golden-v3")
                        .get())
                .isNotNull();
    }

    @Test
    void reportJunitToStdoutPrintsTheGunzippedJunit() {
        client.resources(SitRun.class)
                .inNamespace(NS)
                .resource(sitRun(NS, "reported", Phase.FAILED))
                .create();
        RunnerResult published = result(Outcome.FAILED);
        publishReport(NS, "reported", published);

        Result junit = sit("report", "reported", "--junit", "-");
        Result table = sit("report", "reported");

        assertThat(junit.code()).isZero();
        assertThat(junit.out()).isEqualTo(Reports.junitXml(published));
        assertThat(table.out()).isEqualTo(Reports.table(published));
    }

    @Test
    void reportWithoutTheConfigMapIsBuiltFromStatus() {
        SitRun run = sitRun(NS, "bare", Phase.FAILED);
        run.getStatus().setReason("ThresholdsFailed");
        client.resources(SitRun.class).inNamespace(NS).resource(run).create();

        Result result = sit("report", "bare");

        assertThat(result.code()).isZero();
        assertThat(result.out()).startsWith("Outcome: Failed (ThresholdsFailed)");
        assertThat(result.err()).contains("no report ConfigMap bare.sit-report");
    }

    @Test
    void reportOfAMissingSitRunIsOneLineAndExitTwo() {
        Result result = sit("report", "nope");

        assertThat(result.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(result.err())
                .isEqualTo("error: sitrun \"nope\" not found in namespace " + NS + System.lineSeparator());
    }

    static void publishEvidence(String namespace, String name, byte[] tarGz) {
        client.configMaps()
                .inNamespace(namespace)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(Artifacts.evidenceConfigMap(name))
                        .endMetadata()
                        .withBinaryData(Map.of(
                                Artifacts.EVIDENCE_KEY, Base64.getEncoder().encodeToString(tarGz)))
                        .build())
                .create();
    }

    @Test
    void evidenceWritesOneFilePerEntryAndSummarisesTheManifest() throws IOException {
        client.resources(SitRun.class)
                .inNamespace(NS)
                .resource(sitRun(NS, "evident", Phase.FAILED))
                .create();
        EvidenceBundle bundle = new EvidenceBundle()
                .add("events.txt", "Warning BackOff pod/relay")
                .add("logs/evident-runner-abc/runner.log", "threshold orders out FAILED")
                .add("data/databases/warehouse/row-counts.txt", "orders 2")
                .note("kafka: broker unreachable");
        publishEvidence(NS, "evident", bundle.pack(Artifacts.MAX_EVIDENCE_BYTES).tarGz());
        Path out = dir.resolve("evidence");

        Result result = sit("evidence", "evident", "-o", out.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.readString(out.resolve("logs/evident-runner-abc/runner.log")))
                .isEqualTo("threshold orders out FAILED");
        assertThat(Files.readString(out.resolve("data/databases/warehouse/row-counts.txt")))
                .isEqualTo("orders 2");
        assertThat(out.resolve("MANIFEST.txt")).exists();
        assertThat(result.out())
                .contains("wrote 4 files of evident.sit-evidence")
                .contains("note: kafka: broker unreachable");

        Result logs = sit("logs", "evident", "runner");
        assertThat(logs.code()).as(logs.err()).isZero();
        assertThat(logs.out())
                .contains("==> logs/evident-runner-abc/runner.log <==")
                .contains("threshold orders out FAILED");
        assertThat(logs.err()).contains("no pods of component runner in namespace sit-evident");
    }

    @Test
    void logsComeLiveFromTheRunNamespaceWhileItExists() {
        client.resources(SitRun.class)
                .inNamespace(NS)
                .resource(sitRun(NS, "live", Phase.TESTING))
                .create();
        for (String component : List.of("runner", "broker")) {
            client.pods()
                    .inNamespace("sit-live")
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName("live-" + component)
                            .addToLabels("sit.dataops.io/component", component)
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName(component)
                            .withImage("x")
                            .endContainer()
                            .endSpec()
                            .build())
                    .create();
        }
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/sit-live/pods/live-runner/log?pretty=false&container=runner")
                .andReturn(200, "scenario 1 passed\n")
                .always();

        Result result = sit("logs", "live", "runner");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo("==> live-runner/runner <==\nscenario 1 passed\n\n")
                .doesNotContain("broker");
    }

    @Test
    void evidenceRefusesPathsOutsideTheDirectory() throws IOException {
        client.resources(SitRun.class)
                .inNamespace(NS)
                .resource(sitRun(NS, "evil", Phase.FAILED))
                .create();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (String path : List.of("MANIFEST.txt", "../escaped.txt")) {
                TarArchiveEntry entry = new TarArchiveEntry(path);
                entry.setSize(2);
                tar.putArchiveEntry(entry);
                tar.write("hi".getBytes(StandardCharsets.UTF_8));
                tar.closeArchiveEntry();
            }
        }
        publishEvidence(NS, "evil", bytes.toByteArray());
        Path out = dir.resolve("inside");

        Result result = sit("evidence", "evil", "-o", out.toString());

        assertThat(result.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(result.err()).contains("unsafe path").contains("../escaped.txt");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(Evidence.resolve(out, "a/b.log")).startsWithRaw(out);
    }

    @Test
    void evidenceOfARunWithoutABundleSaysWhy() {
        SitRun run = sitRun(NS, "clean", Phase.SUCCEEDED);
        EvidenceStatus evidence = new EvidenceStatus();
        evidence.setMessage("not captured: spec.evidence.when is OnFailure and the run succeeded");
        run.getStatus().setEvidence(evidence);
        client.resources(SitRun.class).inNamespace(NS).resource(run).create();

        Result result = sit("evidence", "clean", "-o", dir.resolve("x").toString());

        assertThat(result.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(result.err()).contains("not captured: spec.evidence.when is OnFailure");
    }

    @Test
    void rerunSetsAFreshRerunToken() {
        SitRun run = sitRun(NS, "again", Phase.FAILED);
        run.getSpec().setRerunToken("first");
        client.resources(SitRun.class).inNamespace(NS).resource(run).create();

        Result result = sit("rerun", "again");

        assertThat(result.code()).as(result.err()).isZero();
        String token = client.resources(SitRun.class)
                .inNamespace(NS)
                .withName("again")
                .get()
                .getSpec()
                .getRerunToken();
        assertThat(token).isNotEqualTo("first").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(result.err()).contains("rerunToken=" + token);
    }

    @Test
    void rerunWaitFollowsTheNewRunNotTheOldEnd() throws Exception {
        SitRun run = sitRun(NS, "followed", Phase.FAILED);
        run.getSpec().setRerunToken("first");
        run.getStatus().setRerunToken("first");
        run.getStatus().setReport(new ReportStatus()); // the old run is complete: only its token tells it apart
        client.resources(SitRun.class).inNamespace(NS).resource(run).create();
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
            SitRun requested = client.resources(SitRun.class)
                    .inNamespace(NS)
                    .withName("followed")
                    .waitUntilCondition(r -> !"first".equals(r.getSpec().getRerunToken()), 30, TimeUnit.SECONDS);
            editStatus(NS, "followed", s -> {
                s.setRerunToken(requested.getSpec().getRerunToken());
                s.setPhase(Phase.SUCCEEDED);
                s.setReport(new ReportStatus());
            });
        });

        Result result = sit("rerun", "followed", "--wait", "--timeout", "60s");
        operator.get(30, TimeUnit.SECONDS);

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("Outcome: Passed");
    }

    @Test
    void namespaceComesFromTheContextUnlessGivenAnywhereOnTheLine() {
        client.resources(SitRun.class)
                .inNamespace(OTHER_NS)
                .resource(sitRun(OTHER_NS, "elsewhere", Phase.SUCCEEDED))
                .create();

        assertThat(sit("report", "elsewhere").code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(sit("report", "elsewhere", "-n", OTHER_NS).out()).startsWith("Outcome: Passed");
        assertThat(sit("-n", OTHER_NS, "report", "elsewhere").out()).startsWith("Outcome: Passed");
        assertThat(sit("report", "--namespace=" + OTHER_NS, "elsewhere").out()).startsWith("Outcome: Passed");
        assertThat(sit("report", "elsewhere", "--context", "other").out()).startsWith("Outcome: Passed");

        Result unknown = sit("report", "elsewhere", "--context", "nowhere");
        assertThat(unknown.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(unknown.err())
                .isEqualTo("error: context \"nowhere\" is not in the kubeconfig" + System.lineSeparator());
    }

    @Test
    void completeListsSubcommandsFlagsAndSitRunNames() {
        // Namespaces of their own: the mock server keeps the other tests' SitRuns.
        client.resources(SitRun.class)
                .inNamespace("complete-a")
                .resource(sitRun("complete-a", "orders", null))
                .create();
        client.resources(SitRun.class)
                .inNamespace("complete-a")
                .resource(sitRun("complete-a", "minimal", null))
                .create();
        client.resources(SitRun.class)
                .inNamespace("complete-b")
                .resource(sitRun("complete-b", "other-run", null))
                .create();
        client.resources(SitRun.class)
                .inNamespace(OTHER_NS)
                .resource(sitRun(OTHER_NS, "in-context-ns", null))
                .create();

        assertThat(complete("re")).containsExactly("report", "rerun", ":4");
        assertThat(complete("-n", "complete-a", "report", "")).containsExactly("minimal", "orders", ":4");
        assertThat(complete("logs", "-n", "complete-a", "o")).containsExactly("orders", ":4");
        assertThat(complete("--namespace=complete-b", "rerun", "")).containsExactly("other-run", ":4");
        assertThat(complete("report", "--context", "other", ""))
                .contains("in-context-ns")
                .doesNotContain("orders", "other-run");
        assertThat(complete("logs", "orders", "ru")).containsExactly("runner", ":4");
        assertThat(complete("report", "--ju")).containsExactly("--junit", ":4");
        assertThat(complete("run", "-f", "")).containsExactly(":0");
        assertThat(complete("evidence", "orders", "-o", "")).containsExactly(":16");
        assertThat(complete("--context", "")).containsExactly("mock", "other", ":4");
    }

    List<String> complete(String... words) {
        List<String> args = new ArrayList<>(List.of(Completer.COMMAND));
        args.addAll(List.of(words));
        return sit(args.toArray(String[]::new)).out().lines().toList();
    }

    @Test
    void anUnreachableApiServerIsOneLineWithoutTrace() throws IOException {
        Files.writeString(
                kubeconfig,
                Files.readString(kubeconfig).replace(client.getConfiguration().getMasterUrl(), "https://127.0.0.1:1/"));

        Result result = sit("report", "x");

        assertThat(result.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(result.err())
                .startsWith("error: cannot reach the API server")
                .hasLineCount(1);
    }

    @Test
    void badOptionsExitTwoWithUsage() {
        Result result = sit("run", "--timeout", "soon", "-f", "x.yaml");

        assertThat(result.code()).isEqualTo(RunContract.EXIT_ERROR);
        assertThat(result.err()).contains("'soon' is not a duration");
        assertThat(new GoDuration().convert("1h30m")).hasMinutes(90);
    }
}
