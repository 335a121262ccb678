package io.dataops.sit.runner.cluster;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.report.ExitCodes;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.spec.EvidenceSpec;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.runner.engine.ScenarioEngine;
import io.dataops.sit.runner.engine.UserSteps;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.evidence.DataEvidenceCollector;
import io.dataops.sit.runner.evidence.DataEvidenceSettings;
import io.dataops.sit.runner.evidence.TouchedData;
import io.dataops.sit.runner.report.ResultRedaction;
import io.dataops.sit.runner.trace.FlowTraces;
import io.dataops.sit.runner.trace.OtlpReceiver;
import io.dataops.sit.runner.trace.SpanStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * The in-cluster {@code run} command: builds the environment from the pod's env and mounts, runs the
 * features ConfigMap (writing progress into sit-results after each scenario), writes JUnit XML, JSON and Cucumber's
 * HTML to SIT_OUTPUT_DIR (default /sit/out), publishes them gzipped into sit-reports (with the data evidence when
 * spec.evidence.when asks for it) and then the result into sit-results key runner.json. Exit code 0 passed,
 * 1 failed, 2 error.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs the scenarios of the mounted SitRun in its cluster (the runner Job).")
public final class ClusterRunCommand implements Callable<Integer> {

    public static final String ENV_OUTPUT_DIR = "SIT_OUTPUT_DIR";

    @Override
    public Integer call() {
        return run(System.getenv(), KubernetesClientBuilder::new);
    }

    static int run(Map<String, String> env, Supplier<KubernetesClientBuilder> clients) {
        Path out = Path.of(env.getOrDefault(ENV_OUTPUT_DIR, "/sit/out"));
        Path html = out.resolve(HTML_FILE);
        String namespace = env.get(RunContract.ENV_RUN_NAMESPACE);
        boolean reportable = namespace != null && !namespace.isBlank();
        // The client is open during the run for the progress writes; without a namespace there is nowhere to write.
        try (KubernetesClient client = reportable ? clients.get().build() : null) {
            RunnerResult result;
            RunEnvironment runEnv = null;
            TouchedData touched = new TouchedData();
            try {
                runEnv = ClusterEnvironment.fromEnv(env);
                RunnerSpec runner = runEnv.sitRun().getSpec().getRunner();
                if (runner == null || runner.featuresConfigMapName() == null) {
                    result = RunnerResult.error(RunReason.BAD_INPUT, "spec.runner.features names no ConfigMap");
                } else {
                    Path features = runEnv.fixtures().directory(runner.featuresConfigMapName());
                    ScenarioEngine engine = new ScenarioEngine()
                            .withHtmlReport(html)
                            .withTouchedData(touched)
                            .withUserSteps(UserSteps.fromConfigMaps(runner.getSteps(), runEnv.fixtures()));
                    if (client != null) {
                        engine = engine.withProgress(new ProgressWriter(client, namespace));
                    }
                    try (FlowTraces traces = receiveTraces(env)) {
                        if (traces != null) {
                            engine = engine.withFlowTraces(traces);
                        }
                        result = engine.run(runEnv, features, runner.getTags());
                    }
                }
            } catch (ClusterEnvironment.InvalidEnvironmentException e) {
                result = RunnerResult.error(RunReason.BAD_INPUT, e.getMessage());
            } catch (IOException e) {
                result = RunnerResult.error(RunReason.FIXTURE_NOT_FOUND, e.getMessage());
            }
            // Before any report: URL credentials/query strings masked, messages bounded (issue 8).
            result = ResultRedaction.redact(result);
            try {
                Reports.writeJunitXml(result, out.resolve("junit.xml"));
                Reports.writeJson(result, out.resolve("result.json"));
            } catch (RuntimeException e) {
                System.err.println("warning: cannot write reports to " + out + ": " + e.getMessage());
            }
            System.out.println(Reports.table(result));
            if (client == null) {
                System.err.println("error: " + RunContract.ENV_RUN_NAMESPACE
                        + " is not set; cannot report the result to the operator");
                return RunContract.EXIT_ERROR;
            }
            // The operator reads runner.json as "the runner is done": reports and evidence go first.
            ConfigMapWriter reports =
                    new ConfigMapWriter(client, namespace, RunContract.REPORTS_CONFIGMAP, ResultsWriter.ATTEMPTS);
            publishReports(reports, result, html);
            if (runEnv != null && capturesEvidence(runEnv, result)) {
                publishDataEvidence(reports, runEnv, touched, env);
            }
            try {
                new ResultsWriter(client, namespace).write(RunContract.RUNNER_RESULT_KEY, fitToLimit(result));
            } catch (RuntimeException e) {
                // The operator reads a missing result as Error; say why here, in the pod log.
                System.err.println("error: " + e.getMessage());
                return RunContract.EXIT_ERROR;
            }
            return ExitCodes.of(result);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return RunContract.EXIT_ERROR;
        }
    }

    /** The port of the runner's OTLP/HTTP trace receiver (0: any free port; "off": none). */
    public static final String ENV_TRACES_PORT = "SIT_TRACES_PORT";

    /**
     * The trace receiver systems export to (through the run's runner Service), on every interface; null when
     * SIT_TRACES_PORT is "off" or the port is taken: the run goes on, and the flow steps say there is no receiver.
     */
    static FlowTraces receiveTraces(Map<String, String> env) {
        String port = env.getOrDefault(ENV_TRACES_PORT, String.valueOf(OtlpReceiver.DEFAULT_PORT))
                .strip();
        if (port.equalsIgnoreCase("off")) {
            return null;
        }
        try {
            FlowTraces traces =
                    FlowTraces.start(new InetSocketAddress(Integer.parseInt(port)), SpanStore.DEFAULT_MAX_SPANS);
            System.err.println("traces: OTLP/HTTP receiver on port " + traces.port());
            return traces;
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: no trace receiver on port " + port + " (" + e.getMessage()
                    + "): the flow steps cannot run");
            return null;
        }
    }

    /** Cucumber's HTML report, next to junit.xml and result.json in SIT_OUTPUT_DIR. */
    static final String HTML_FILE = "report.html";

    /** JUnit, JSON and HTML, gzipped and bounded, into sit-reports; a failure is a warning (the verdict still goes out). */
    static void publishReports(ConfigMapWriter reports, RunnerResult result, Path html) {
        try {
            byte[] htmlBytes = Files.isRegularFile(html) ? Files.readAllBytes(html) : null;
            BoundedReports bounded = BoundedReports.fit(result, htmlBytes, Artifacts.MAX_REPORT_BYTES);
            reports.write(
                    bounded.note() == null ? Map.of() : Map.of(Artifacts.NOTE_KEY, bounded.note()),
                    bounded.binaryData());
            System.err.println("reports: " + bounded.binaryData().keySet() + " (" + bounded.totalBytes()
                    + " bytes) written to " + RunContract.REPORTS_CONFIGMAP
                    + (bounded.note() == null
                            ? ""
                            : "; " + bounded.note().strip().replace('\n', ' ')));
        } catch (IOException | RuntimeException e) {
            System.err.println(
                    "warning: cannot publish the reports to " + RunContract.REPORTS_CONFIGMAP + ": " + e.getMessage());
        }
    }

    /** spec.evidence.when against the run's outcome (Passed is Succeeded, Failed is Failed, anything else Error). */
    static boolean capturesEvidence(RunEnvironment runEnv, RunnerResult result) {
        Phase phase = result.getOutcome() == Outcome.PASSED
                ? Phase.SUCCEEDED
                : result.getOutcome() == Outcome.FAILED ? Phase.FAILED : Phase.ERROR;
        EvidenceSpec spec = runEnv.sitRun().getSpec() == null
                ? null
                : runEnv.sitRun().getSpec().getEvidence();
        return EvidenceSpec.effective(spec).captures(phase);
    }

    static void publishDataEvidence(
            ConfigMapWriter reports, RunEnvironment runEnv, TouchedData touched, Map<String, String> env) {
        try {
            EvidenceBundle.Packed packed = new DataEvidenceCollector(DataEvidenceSettings.fromEnv(env))
                    .collect(runEnv, touched)
                    .pack(RunContract.MAX_DATA_EVIDENCE_BYTES);
            reports.write(Map.of(), Map.of(RunContract.DATA_EVIDENCE_KEY, packed.tarGz()));
            System.err.println(
                    "evidence: " + packed.files() + " files (" + packed.tarGz().length + " bytes) written to "
                            + RunContract.REPORTS_CONFIGMAP + (packed.truncated() ? ", cut to fit" : ""));
        } catch (RuntimeException e) {
            System.err.println("warning: cannot publish the data evidence to " + RunContract.REPORTS_CONFIGMAP + ": "
                    + e.getMessage());
        }
    }

    /**
     * The operator rejects results above MAX_RESULT_BYTES: drop per-scenario messages, then scenario
     * details, then passed thresholds, keeping outcome, counts and failed thresholds as long as possible.
     */
    static String fitToLimit(RunnerResult result) {
        String json = ResultCodec.write(result);
        if (size(json) <= RunContract.MAX_RESULT_BYTES) {
            return json;
        }
        for (ScenarioResult s : result.getScenarioResults()) {
            s.setMessage(null);
        }
        String note =
                " [result trimmed to fit " + RunContract.MAX_RESULT_BYTES + " bytes; see the runner's JUnit report]";
        result.setMessage(truncate(result.getMessage(), 2000) + note);
        json = ResultCodec.write(result);
        if (size(json) <= RunContract.MAX_RESULT_BYTES) {
            return json;
        }
        result.setScenarioResults(new ArrayList<>());
        result.setThresholds(new ArrayList<>(
                result.getThresholds().stream().filter(t -> !t.isPassed()).toList()));
        json = ResultCodec.write(result);
        while (size(json) > RunContract.MAX_RESULT_BYTES
                && !result.getThresholds().isEmpty()) {
            List<ThresholdResult> t = result.getThresholds();
            result.setThresholds(new ArrayList<>(t.subList(0, t.size() / 2)));
            json = ResultCodec.write(result);
        }
        return json;
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static int size(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
