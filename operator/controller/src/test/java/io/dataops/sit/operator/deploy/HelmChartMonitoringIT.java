package io.dataops.sit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's monitoring values, rendered by the pinned helm (e2e/versions.env HELM_VERSION, the one the e2e suite
 * uses): off by default, so the default render stays the install manifest object for object (HelmChartE2ETest
 * compares them on a cluster); on, a ServiceMonitor that selects the operator's Service and a PrometheusRule that
 * is deploy/prometheus/sit-operator-rules.yaml.
 */
class HelmChartMonitoringIT {

    private static final Duration HELM_TIMEOUT = Duration.ofMinutes(2);
    private static final String MONITORING_KINDS = "ServiceMonitor|PrometheusRule";

    static Path helm;

    @BeforeAll
    static void locateHelm() {
        helm = DeployTools.helm();
    }

    @Test
    void theDefaultRenderHasNoMonitoringObjectsAndIsTheInstallManifestsObjects() throws Exception {
        Map<String, JsonNode> chart = objects(template());
        Map<String, JsonNode> manifest = byKey(DeployFiles.documents(DeployFiles.INSTALL_MANIFEST));
        manifest.remove("Namespace /sit-system"); // the one documented difference: helm --create-namespace
        assertThat(chart.keySet()).noneMatch(k -> k.matches("(" + MONITORING_KINDS + ") .*"));
        assertThat(chart.keySet()).containsExactlyInAnyOrderElementsOf(manifest.keySet());
    }

    @Test
    void theServiceMonitorScrapesTheOperatorsService() throws Exception {
        Map<String, JsonNode> chart = objects(template(
                "--set",
                "metrics.serviceMonitor.enabled=true",
                "--set",
                "metrics.serviceMonitor.labels.release=kube-prometheus-stack"));
        JsonNode monitor = chart.get("ServiceMonitor sit-system/sit-operator");
        assertThat(monitor).as("rendered objects: %s", chart.keySet()).isNotNull();
        assertThat(chart).doesNotContainKey("PrometheusRule sit-system/sit-operator");
        JsonNode service = chart.get("Service sit-system/sit-operator");

        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(monitor.at("/spec/namespaceSelector/matchNames/0").asText())
                .isEqualTo(service.at("/metadata/namespace").asText());
        monitor.at("/spec/selector/matchLabels")
                .fields()
                .forEachRemaining(label -> assertThat(service.at("/metadata/labels")
                                .path(label.getKey())
                                .asText())
                        .as("the Service carries the selected label %s", label.getKey())
                        .isEqualTo(label.getValue().asText()));
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        List<String> portNames = new ArrayList<>();
        service.at("/spec/ports").forEach(p -> portNames.add(p.path("name").asText()));
        assertThat(portNames).contains(endpoint.path("port").asText());
        assertThat(endpoint.path("path").asText())
                .isEqualTo(service.at("/metadata/annotations")
                        .path("prometheus.io/path")
                        .asText())
                .isEqualTo("/q/metrics");
        assertThat(endpoint.path("interval").asText()).isEqualTo("30s");
    }

    @Test
    void thePrometheusRuleIsTheAlertingRulesFileOfDeployPrometheus() throws Exception {
        Map<String, JsonNode> chart = objects(template(
                "--set",
                "metrics.prometheusRule.enabled=true",
                "--set",
                "metrics.prometheusRule.labels.release=kube-prometheus-stack"));
        JsonNode rule = chart.get("PrometheusRule sit-system/sit-operator");
        assertThat(rule).as("rendered objects: %s", chart.keySet()).isNotNull();
        JsonNode source = DeployFiles.documents(DeployFiles.ALERTING_RULES).getFirst();

        assertThat(rule.path("spec")).isEqualTo(source.path("spec"));
        assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(rule.at("/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo("sit-operator");
        // Prometheus' own templates pass through helm untouched (.Files.Get does not template)
        assertThat(rule.toString()).contains("{{ $value | humanizeDuration }}");
    }

    @Test
    void theChartLintsStrictlyWithMonitoringOn() {
        DeployTools.Result lint = helm(
                "lint",
                "--strict",
                DeployFiles.CHECKED_IN_CHART.toString(),
                "--set",
                "metrics.serviceMonitor.enabled=true",
                "--set",
                "metrics.prometheusRule.enabled=true");
        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("0 chart(s) failed").doesNotContain("[WARNING]", "[ERROR]");
    }

    @Test
    void theValuesSchemaRefusesAnEnabledThatIsNotABoolean() {
        DeployTools.Result bad = helm(
                "template",
                "sit-operator",
                DeployFiles.CHECKED_IN_CHART.toString(),
                "--set-string",
                "metrics.serviceMonitor.enabled=yes");
        assertThat(bad.exitCode()).as(bad.output()).isNotZero();
        assertThat(bad.output()).contains("values don't meet the specifications of the schema");
    }

    private static String template(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "template", "sit-operator", DeployFiles.CHECKED_IN_CHART.toString(), "--namespace", "sit-system"));
        args.addAll(List.of(extra));
        return helm(args.toArray(String[]::new)).orFail().output();
    }

    private static DeployTools.Result helm(String... args) {
        List<String> command = new ArrayList<>(List.of(helm.toString()));
        command.addAll(List.of(args));
        // helm's own state (repositories, plugins, cache) stays under target/, not in the user's home.
        Path home = DeployFiles.MODULE.resolve("target/helm-home");
        return DeployTools.run(
                HELM_TIMEOUT,
                command,
                Map.of(
                        "HELM_CACHE_HOME",
                        home.resolve("cache").toString(),
                        "HELM_CONFIG_HOME",
                        home.resolve("config").toString(),
                        "HELM_DATA_HOME",
                        home.resolve("data").toString()));
    }

    private static Map<String, JsonNode> objects(String yaml) throws Exception {
        return byKey(DeployFiles.documents(yaml));
    }

    /** "Kind namespace/name" -> object. */
    private static Map<String, JsonNode> byKey(List<JsonNode> documents) {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        for (JsonNode document : documents) {
            String key = DeployFiles.kind(document) + " "
                    + document.at("/metadata/namespace").asText("") + "/"
                    + document.at("/metadata/name").asText();
            assertThat(objects.put(key, document)).as("duplicate %s", key).isNull();
        }
        return objects;
    }
}
