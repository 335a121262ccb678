package io.dataops.sit.runner.cluster;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.runner.report.ResultRedaction;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.runner.engine.ScenarioEngine;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.api.report.ExitCodes;
import io.dataops.sit.api.report.Reports;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The in-cluster {@code run} command: builds the environment from the pod's env and mounts, runs the
 * features ConfigMap, writes JUnit XML + JSON to SIT_OUTPUT_DIR (default /sit/out) and the result into
 * ConfigMap sit-results key runner.json. Exit code 0 passed, 1 failed, 2 error.
 */
public final class ClusterRunCommand {

    public static final String ENV_OUTPUT_DIR = "SIT_OUTPUT_DIR";

    private ClusterRunCommand() {
    }

    public static int run(String[] args) {
        return run(System.getenv(), KubernetesClientBuilder::new);
    }

    static int run(Map<String, String> env, Supplier<KubernetesClientBuilder> clients) {
        RunnerResult result;
        RunEnvironment runEnv = null;
        try {
            runEnv = ClusterEnvironment.fromEnv(env);
            RunnerSpec runner = runEnv.sitRun().getSpec().getRunner();
            if (runner == null || runner.featuresConfigMapName() == null) {
                result = error("BadInput", "spec.runner.features names no ConfigMap");
            } else {
                Path features = runEnv.fixtures().directory(runner.featuresConfigMapName());
                result = new ScenarioEngine().run(runEnv, features, runner.getTags());
            }
        } catch (ClusterEnvironment.InvalidEnvironmentException e) {
            result = error("BadInput", e.getMessage());
        } catch (IOException e) {
            result = error("FixtureNotFound", e.getMessage());
        }
        // Before any report: URL credentials/query strings masked, messages bounded (issue 8).
        result = ResultRedaction.redact(result);
        Path out = Path.of(env.getOrDefault(ENV_OUTPUT_DIR, "/sit/out"));
        try {
            Reports.writeJunitXml(result, out.resolve("junit.xml"));
            Reports.writeJson(result, out.resolve("result.json"));
        } catch (RuntimeException e) {
            System.err.println("warning: cannot write reports to " + out + ": " + e.getMessage());
        }
        System.out.println(Reports.table(result));
        String namespace = env.get(RunContract.ENV_RUN_NAMESPACE);
        if (namespace == null || namespace.isBlank()) {
            System.err.println("error: " + RunContract.ENV_RUN_NAMESPACE + " is not set; cannot report the result to the operator");
            return RunContract.EXIT_ERROR;
        }
        try (KubernetesClient client = clients.get().build()) {
            new ResultsWriter(client, namespace).write(RunContract.RUNNER_RESULT_KEY, fitToLimit(result));
        } catch (RuntimeException e) {
            // The operator reads a missing result as Error; say why here, in the pod log.
            System.err.println("error: " + e.getMessage());
            return RunContract.EXIT_ERROR;
        }
        return ExitCodes.of(result);
    }

    static RunnerResult error(String reason, String message) {
        RunnerResult r = new RunnerResult();
        r.setOutcome(Outcome.ERROR);
        r.setReason(reason);
        r.setMessage(message);
        r.setStartedAt(Instant.now().toString());
        r.setFinishedAt(r.getStartedAt());
        return r;
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
        String note = " [result trimmed to fit " + RunContract.MAX_RESULT_BYTES + " bytes; see the runner's JUnit report]";
        result.setMessage(truncate(result.getMessage(), 2000) + note);
        json = ResultCodec.write(result);
        if (size(json) <= RunContract.MAX_RESULT_BYTES) {
            return json;
        }
        result.setScenarioResults(new ArrayList<>());
        result.setThresholds(new ArrayList<>(result.getThresholds().stream().filter(t -> !t.isPassed()).toList()));
        json = ResultCodec.write(result);
        while (size(json) > RunContract.MAX_RESULT_BYTES && !result.getThresholds().isEmpty()) {
            List<io.dataops.sit.api.results.ThresholdResult> t = result.getThresholds();
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
