package io.dataops.sit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/sit-operator-rules.yaml checked by a real promtool (e2e/versions.env PROMTOOL_VERSION, built once
 * per version by e2e/control-plane-build/build.sh promtool): the PrometheusRule's spec is a valid Prometheus rules
 * file, its alerts fire and stay quiet as sit-operator-rules.test.yaml expects, and the dashboard's queries parse.
 */
class PrometheusRulesIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** promtool resolves rule_files relative to the test file: both go here. */
    private static final Path WORK = DeployFiles.MODULE.resolve("target/prometheus");

    private static final Duration PROMTOOL_TIMEOUT = Duration.ofMinutes(2);

    static Path promtool;

    @BeforeAll
    static void extractTheRulesFile() throws Exception {
        promtool = DeployTools.promtool();
        Files.createDirectories(WORK);
        // What a plain-Prometheus user does: the spec of the PrometheusRule is the rules file.
        JsonNode spec =
                DeployFiles.documents(MonitoringFilesTest.RULES).getFirst().path("spec");
        YAML.writeValue(WORK.resolve("sit-operator.rules.yml").toFile(), spec);
        Files.copy(
                MonitoringFilesTest.RULE_TESTS,
                WORK.resolve("sit-operator-rules.test.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theRuleSpecIsAValidPrometheusRulesFile() throws Exception {
        DeployTools.Result check = promtool(
                "check", "rules", WORK.resolve("sit-operator.rules.yml").toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output())
                .contains("SUCCESS: " + MonitoringFilesTest.rules().size() + " rules found");
    }

    @Test
    void alertsFireAndStayQuietAsTheUnitTestsExpect() {
        DeployTools.Result test = promtool(
                "test", "rules", WORK.resolve("sit-operator-rules.test.yaml").toString());
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void promtoolFailsAnAlertExpectationThatIsWrong() throws Exception {
        // The unit tests could pass vacuously (a rule file promtool did not load, a test it skipped): a wrong
        // expectation must fail.
        ObjectNode tests = (ObjectNode)
                DeployFiles.documents(MonitoringFilesTest.RULE_TESTS).getFirst();
        ObjectNode firstExpectation = (ObjectNode) tests.at("/tests/0/alert_rule_test/0");
        assertThat(firstExpectation.path("exp_alerts").isEmpty()).isTrue();
        ArrayNode wrong = firstExpectation.putArray("exp_alerts");
        wrong.addObject().putObject("exp_labels").put("severity", "warning");
        Path broken = WORK.resolve("broken.test.yaml");
        YAML.writeValue(broken.toFile(), tests);

        DeployTools.Result test = promtool("test", "rules", broken.toString());

        assertThat(test.exitCode()).as(test.output()).isNotZero();
        assertThat(test.output()).contains(firstExpectation.path("alertname").asText());
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        // promtool cannot lint a Grafana dashboard, but it parses recording rules: one per dashboard query, with
        // Grafana's $__rate_interval replaced by a duration.
        Map<String, String> queries = MonitoringFilesTest.dashboardQueries();
        ObjectNode rulesFile = YAML.createObjectNode();
        ObjectNode group = rulesFile.putArray("groups").addObject().put("name", "dashboard");
        ArrayNode rules = group.putArray("rules");
        int n = 0;
        for (String expr : queries.values()) {
            rules.addObject()
                    .put("record", "dashboard:query_" + n++)
                    .put("expr", expr.replace("$__rate_interval", "5m"));
        }
        Path file = WORK.resolve("dashboard-queries.rules.yml");
        YAML.writeValue(file.toFile(), rulesFile);

        DeployTools.Result check = promtool("check", "rules", file.toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    private static DeployTools.Result promtool(String... args) {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        return DeployTools.run(PROMTOOL_TIMEOUT, command, Map.of());
    }
}
