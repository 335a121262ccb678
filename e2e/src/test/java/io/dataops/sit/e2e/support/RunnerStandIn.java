package io.dataops.sit.e2e.support;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Plays the runner's (and the seed Jobs') part, openly: pods do not really run under KWOK, so the suite writes the result
 * document the runner would write, through the same path (the sit-results ConfigMap of the run's
 * namespace). Everything the operator does with it stays real.
 */
public final class RunnerStandIn {

    private RunnerStandIn() {}

    public static RunnerResult passing() {
        return result(Outcome.PASSED, null, threshold("product_v1 contains 2 records +/- 1", 2, 1, 2, true));
    }

    public static RunnerResult failing() {
        return result(
                Outcome.FAILED, "ThresholdsFailed", threshold("product_v1 contains 2 records +/- 1", 2, 1, 7, false));
    }

    private static RunnerResult result(Outcome outcome, String reason, ThresholdResult threshold) {
        RunnerResult r = new RunnerResult();
        r.setOutcome(outcome);
        r.setReason(reason);
        r.setMessage(outcome == Outcome.PASSED ? "all thresholds passed" : "1 threshold failed");
        boolean passed = outcome == Outcome.PASSED;
        r.setScenarios(new ScenarioCounts(1, passed ? 1 : 0, passed ? 0 : 1));
        r.setThresholds(List.of(threshold));
        ScenarioResult scenario = new ScenarioResult();
        scenario.setFeature("product-1.feature");
        scenario.setName("Basic Message");
        scenario.setStatus(passed ? "passed" : "failed");
        scenario.setDurationMillis(1200);
        r.setScenarioResults(List.of(scenario));
        return r;
    }

    private static ThresholdResult threshold(String name, int expected, int tolerance, int actual, boolean passed) {
        ThresholdResult t = new ThresholdResult(
                name, BigDecimal.valueOf(expected), BigDecimal.valueOf(tolerance), BigDecimal.valueOf(actual), passed);
        t.setScenario("Basic Message");
        return t;
    }

    /** Waits for the operator to create the results ConfigMap, then writes the runner's result into it. */
    public static void writeResult(KubernetesClient client, String runNamespace, RunnerResult result) {
        write(client, runNamespace, RunContract.RUNNER_RESULT_KEY, ResultCodec.write(result));
    }

    /** Plays a seed Job's part: the result it writes after loading {@code rows} rows and passing its gates. */
    public static void writeSeedResult(KubernetesClient client, String runNamespace, String database, long rows) {
        SeedResult seed = new SeedResult();
        seed.setDatabase(database);
        seed.setOutcome(Outcome.PASSED);
        seed.setTotalRows(rows);
        seed.setTables(List.of(new SeedResult.TableRows("currency", rows)));
        seed.setGates(List.of(new SeedResult.GateResult("currency rows >= 1", true, "rows " + rows)));
        write(client, runNamespace, RunContract.seedResultKey(database), ResultCodec.write(seed));
    }

    private static void write(KubernetesClient client, String runNamespace, String key, String json) {
        Awaitility.await("results ConfigMap in " + runNamespace)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> client.configMaps()
                                .inNamespace(runNamespace)
                                .withName(RunContract.RESULTS_CONFIGMAP)
                                .get()
                        != null);
        client.configMaps()
                .inNamespace(runNamespace)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .edit(cm -> withKey(cm, key, json));
    }

    private static ConfigMap withKey(ConfigMap cm, String key, String value) {
        if (cm.getData() == null) {
            cm.setData(new HashMap<>());
        }
        cm.getData().put(key, value);
        return cm;
    }

    public static Map<String, String> labelsOf(KubernetesClient client, String runNamespace) {
        return client.namespaces().withName(runNamespace).get().getMetadata().getLabels();
    }
}
