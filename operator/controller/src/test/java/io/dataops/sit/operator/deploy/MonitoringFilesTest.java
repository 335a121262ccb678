package io.dataops.sit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/ and deploy/prometheus/ without running anything: every query names metrics the operator or
 * java-operator-sdk exports ({@link SitMetricNames}), the dashboard imports into any Grafana (its Prometheus is a
 * variable), and every alert says how bad it is and links to what to do. promtool itself runs in PrometheusRulesIT.
 */
class MonitoringFilesTest {

    static final Path DASHBOARD = DeployFiles.ROOT.resolve("deploy/grafana/sit-operator-dashboard.json");
    static final Path RULES = DeployFiles.ROOT.resolve("deploy/prometheus/sit-operator-rules.yaml");
    static final Path RULE_TESTS = DeployFiles.ROOT.resolve("deploy/prometheus/sit-operator-rules.test.yaml");
    private static final Path README = DeployFiles.ROOT.resolve("deploy/README.md");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDashboardQueryUsesOnlyExportedMetrics() throws IOException {
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(10);
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        queries.forEach((where, expr) -> {
            Set<String> names = SitMetricNames.in(expr);
            assertThat(names).as("%s selects no metric: %s", where, expr).isNotEmpty();
            used.addAll(names);
            names.stream()
                    .filter(n -> !SitMetricNames.ALLOWED.contains(n))
                    .forEach(n -> unknown.computeIfAbsent(where + ": " + expr, k -> new LinkedHashSet<>())
                            .add(n));
        });
        assertThat(unknown).as("queries on metrics nobody exports").isEmpty();
        // what an on-call person opens the dashboard for (issue 11): each is on it
        assertThat(used.stream()
                        .map(n -> n.replaceAll("_(bucket|count|sum|max)$", ""))
                        .collect(Collectors.toSet()))
                .contains(
                        "sit_runs_active",
                        "sit_queue_length",
                        "sit_queue_wait_seconds",
                        "sit_runs_total",
                        "sit_time_to_ready_seconds",
                        "sit_time_to_result_seconds",
                        "sit_phase_age_max_seconds",
                        "sit_environments_kept",
                        "sit_orphan_namespaces",
                        "sit_namespaces_stuck_terminating",
                        "sit_cleanup_failures_total",
                        "sit_orphans_swept_total",
                        "operator_sdk_reconciliations_failed_total");
    }

    @Test
    void dashboardTakesItsPrometheusFromAVariable() throws IOException {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        JsonNode variable = dashboard.at("/templating/list/0");
        assertThat(variable.path("name").asText()).isEqualTo("datasource");
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        assertThat(dashboard.path("uid").asText()).isEqualTo("sit-operator");
        List<String> notFromTheVariable = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (!panel.at("/datasource/uid").asText().equals("${datasource}")) {
                notFromTheVariable.add(panel.path("title").asText());
            }
            panel.path("targets").forEach(t -> {
                if (!t.at("/datasource/uid").asText().equals("${datasource}")) {
                    notFromTheVariable.add(panel.path("title").asText() + " / "
                            + t.path("refId").asText());
                }
            });
        }
        assertThat(notFromTheVariable)
                .as("panels bound to one Grafana's data source")
                .isEmpty();
    }

    @Test
    void theMetricNameCheckCatchesAnUnknownName() {
        assertThat(SitMetricNames.in("histogram_quantile(0.95, sum by (le) (rate(sit_queue_wait_seconds_bucket"
                        + "{phase=\"Queued\"}[$__rate_interval])))"))
                .containsExactly("sit_queue_wait_seconds_bucket");
        assertThat(SitMetricNames.in("max(sit_queue_length) > 0 and max(delta(sit_queue_length[30m])) > 0"))
                .containsExactly("sit_queue_length");
        Set<String> typo = SitMetricNames.in("sum by (outcome) (rate(sit_run_total[5m])) offset 1h");
        assertThat(typo).containsExactly("sit_run_total");
        assertThat(SitMetricNames.ALLOWED).doesNotContain("sit_run_total");
    }

    @Test
    void everyAlertRuleUsesOnlyExportedMetrics() throws IOException {
        Map<String, Set<String>> unknown = new LinkedHashMap<>();
        for (JsonNode rule : rules()) {
            Set<String> names = SitMetricNames.in(rule.path("expr").asText());
            assertThat(names).as(rule.path("alert").asText()).isNotEmpty();
            names.removeAll(SitMetricNames.ALLOWED);
            if (!names.isEmpty()) {
                unknown.put(rule.path("alert").asText(), names);
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionInTheReadme() throws IOException {
        JsonNode rule = DeployFiles.documents(RULES).getFirst();
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        Set<String> anchors = readmeAnchors();
        List<String> alerts = new ArrayList<>();
        for (JsonNode alert : rules()) {
            String name = alert.path("alert").asText();
            alerts.add(name);
            assertThat(alert.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
            assertThat(alert.at("/annotations/summary").asText()).as(name).isNotBlank();
            assertThat(alert.at("/annotations/description").asText()).as(name).isNotBlank();
            String runbook = alert.at("/annotations/runbook_url").asText();
            assertThat(runbook)
                    .as(name)
                    .startsWith("https://github.com/dataops-sit/sit-operator/blob/main/deploy/README.md#");
            assertThat(anchors)
                    .as("deploy/README.md has a heading for %s's runbook_url", name)
                    .contains(runbook.substring(runbook.indexOf('#') + 1));
        }
        // issue 11: stuck runs, a growing queue, failing cleanup, orphan namespaces
        assertThat(alerts)
                .contains("SitRunStuckInPhase", "SitRunQueueGrowing", "SitRunCleanupFailing", "SitRunOrphanNamespaces");
    }

    @Test
    void everyAlertIsUnitTestedFiringAndQuiet() throws IOException {
        JsonNode tests = DeployFiles.documents(RULE_TESTS).getFirst();
        Set<String> fires = new LinkedHashSet<>();
        Set<String> quiet = new LinkedHashSet<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode expectation : test.path("alert_rule_test")) {
                String alert = expectation.path("alertname").asText();
                (expectation.path("exp_alerts").isEmpty() ? quiet : fires).add(alert);
            }
        }
        List<String> alerts =
                rules().stream().map(r -> r.path("alert").asText()).toList();
        assertThat(fires).as("alerts shown to fire").containsAll(alerts);
        assertThat(quiet).as("alerts shown to stay quiet").containsAll(alerts);
    }

    static List<JsonNode> rules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        DeployFiles.documents(RULES)
                .getFirst()
                .at("/spec/groups")
                .forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** "panel title / refId" -> expr, for every query of the dashboard (rows included). */
    static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        collectQueries(JSON.readTree(DASHBOARD.toFile()).path("panels"), queries);
        return queries;
    }

    private static void collectQueries(JsonNode panels, Map<String, String> queries) {
        for (JsonNode panel : panels) {
            panel.path("targets")
                    .forEach(t -> queries.put(
                            panel.path("title").asText() + " / "
                                    + t.path("refId").asText(),
                            t.path("expr").asText()));
            collectQueries(panel.path("panels"), queries);
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
    private static Set<String> readmeAnchors() throws IOException {
        Pattern heading = Pattern.compile("^#+\\s+(.*)$");
        return Files.readAllLines(README).stream()
                .map(heading::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1)
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }
}
