package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.core.logging.LogRecordListener;
import io.cucumber.core.logging.LoggerFactory;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features mounted from a ConfigMap, laid out as the kubelet lays out a ConfigMap volume. */
class ConfigMapFeaturesTest {

    @Test
    void eachFeatureOfAMountedConfigMapIsFoundOnceUnderItsOwnName(@TempDir Path mount) throws Exception {
        Path timestamped = Files.createDirectory(mount.resolve("..2026_12_01_18_22_58.933318319"));
        Files.writeString(timestamped.resolve("product_1.feature"), "Feature: P\n");
        Files.writeString(timestamped.resolve("input.avsc"), "{}");
        Files.createSymbolicLink(mount.resolve("..data"), timestamped.getFileName());
        Files.createSymbolicLink(mount.resolve("product_1.feature"), Path.of("..data/product_1.feature"));
        Files.createSymbolicLink(mount.resolve("input.avsc"), Path.of("..data/input.avsc"));

        assertThat(ScenarioEngine.featureFiles(mount)).containsExactly(mount.resolve("product_1.feature"));
    }

    @Test
    void featuresInSubfoldersOfAPlainFolderAreFound(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("orders"));
        Files.writeString(dir.resolve("orders/b.feature"), "Feature: B\n");
        Files.writeString(dir.resolve("a.feature"), "Feature: A\n");

        assertThat(ScenarioEngine.featureFiles(dir))
                .containsExactly(dir.resolve("a.feature"), dir.resolve("orders/b.feature"));
    }

    /**
     * Exactly what the kubelet builds for a ConfigMap volume: the files in a timestamped {@code ..<date>} folder, a
     * {@code ..data} symlink to it and per key a top-level symlink {@code <key> -> ..data/<key>}. A whole run must see
     * each feature once under its key's name (issue 10: duplicates and {@code ..} paths in reports).
     */
    @Test
    void aRunOverAMountedConfigMapReportsEachFeatureOnceUnderItsKey(@TempDir Path mount) throws Exception {
        Map<String, String> keys = Map.of(
                "orders.feature", feature("orders", "an order"),
                "payments.feature", feature("payments", "a payment"),
                "input.json", "[{\"id\": 1}]");
        Path timestamped = Files.createDirectory(mount.resolve("..2026_12_01_10_00_00.123456789"));
        for (var key : keys.entrySet()) {
            Files.writeString(timestamped.resolve(key.getKey()), key.getValue());
        }
        Files.createSymbolicLink(mount.resolve("..data"), timestamped.getFileName());
        for (String key : keys.keySet()) {
            Files.createSymbolicLink(mount.resolve(key), Path.of("..data", key));
        }
        LogRecordListener cucumberLog = new LogRecordListener();
        LoggerFactory.addListener(cucumberLog);
        RunnerResult result;
        try {
            result = new ScenarioEngine(TestEnv.fastSettings(), false).run(TestEnv.noBroker(), mount, null);
        } finally {
            LoggerFactory.removeListener(cucumberLog);
        }

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getScenarioResults())
                .extracting(ScenarioResult::getFeature)
                .containsExactlyInAnyOrder("orders.feature", "payments.feature");
        assertThat(result.getScenarios().getTotal()).isEqualTo(2);
        assertThat(cucumberLog.getLogRecords())
                .extracting(LogRecord::getMessage)
                .noneMatch(m -> m != null && m.contains("Duplicate feature"));
        assertThat(Reports.junitXml(result)).doesNotContain("..").contains("orders.feature", "payments.feature");
        assertThat(ResultCodec.write(result)).doesNotContain("..");
    }

    private static String feature(String name, String scenario) {
        return """
                Feature: %s
                  Scenario: %s
                    Given sample data rows:
                      | id |
                      | 1  |
                """.formatted(name, scenario);
    }
}
