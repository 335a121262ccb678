package io.dataops.sit.api.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.results.ThresholdResult;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {

    @TempDir
    Path dir;

    static RunnerResult sample() {
        RunnerResult r = new RunnerResult();
        r.setOutcome(Outcome.FAILED);
        r.setReason("ThresholdsFailed");
        r.setMessage("1 of 2 thresholds failed: <product_v1> & \"friends\"");
        r.setScenarios(new ScenarioCounts(2, 1, 1));
        r.getScenarioResults().add(scenario("Basic Message", "passed", null));
        r.getScenarioResults().add(scenario("Too many", "failed", "product_1.feature:14: threshold missed <&>"));
        ThresholdResult ok = new ThresholdResult(
                "product_v1 contains 2 +/- 1 records",
                BigDecimal.valueOf(2),
                BigDecimal.ONE,
                BigDecimal.valueOf(2),
                true);
        ok.setScenario("Basic Message");
        ok.setToleranceUnit("absolute");
        ThresholdResult missed = new ThresholdResult(
                "product_v1 contains 2 +/- 10% records",
                BigDecimal.valueOf(2), BigDecimal.TEN, BigDecimal.valueOf(5), false);
        missed.setScenario("Too many");
        missed.setToleranceUnit("percent");
        r.getThresholds().add(ok);
        r.getThresholds().add(missed);
        return r;
    }

    static ScenarioResult scenario(String name, String status, String message) {
        ScenarioResult s = new ScenarioResult();
        s.setFeature("product_1.feature");
        s.setName(name);
        s.setStatus(status);
        s.setDurationMillis(1234);
        s.setMessage(message);
        return s;
    }

    @Test
    void junitXmlIsWellFormedAndCountsFailures() throws Exception {
        Path file = dir.resolve("reports/junit.xml");
        Reports.writeJunitXml(sample(), file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element feature = (Element) suites.item(0);
        assertThat(feature.getAttribute("tests")).isEqualTo("2");
        assertThat(feature.getAttribute("failures")).isEqualTo("1");
        Element thresholds = (Element) suites.item(1);
        assertThat(thresholds.getAttribute("name")).isEqualTo("thresholds");
        assertThat(thresholds.getAttribute("failures")).isEqualTo("1");
        NodeList failures = doc.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(2);
        assertThat(((Element) failures.item(0)).getAttribute("message")).contains("<&>");
        assertThat(((Element) failures.item(1)).getAttribute("message")).contains("expected 2 +/- 10%, actual 5");
    }

    @Test
    void runErrorWithoutScenariosIsAnErroredTestcase() throws Exception {
        RunnerResult r = new RunnerResult();
        r.setOutcome(Outcome.ERROR);
        r.setReason("FeatureParseError");
        r.setMessage("broken.feature:4: expected: #EOF");
        Path file = dir.resolve("junit.xml");
        Reports.writeJunitXml(r, file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(((Element) doc.getElementsByTagName("error").item(0)).getAttribute("type"))
                .isEqualTo("FeatureParseError");
    }

    @Test
    void jsonRoundTripsThroughTheOperatorsCodec() throws Exception {
        Path file = dir.resolve("result.json");
        Reports.writeJson(sample(), file);
        RunnerResult back = ResultCodec.readRunner(Files.readString(file));
        assertThat(back.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(back.getThresholds()).hasSize(2);
        assertThat(back.getThresholds().get(1).getActual()).isEqualByComparingTo("5");
        assertThat(back.getThresholds().get(1).getToleranceUnit()).isEqualTo("percent");
        assertThat(back.getScenarioResults().get(1).getMessage()).contains("product_1.feature:14");
    }

    @Test
    void tableShowsOutcomeScenariosAndThresholds() {
        String table = Reports.table(sample());
        assertThat(table)
                .contains("Outcome: Failed (ThresholdsFailed)")
                .contains("Basic Message")
                .contains("Too many")
                .contains("EXPECTED")
                .contains("ACTUAL")
                .contains("+/- 10%")
                .contains("NO")
                .contains("yes");
    }

    @Test
    void exitCodesFollowTheContract() {
        RunnerResult r = new RunnerResult();
        r.setOutcome(Outcome.PASSED);
        assertThat(ExitCodes.of(r)).isEqualTo(RunContract.EXIT_PASSED).isZero();
        r.setOutcome(Outcome.FAILED);
        assertThat(ExitCodes.of(r)).isEqualTo(RunContract.EXIT_FAILED).isEqualTo(1);
        r.setOutcome(Outcome.ERROR);
        assertThat(ExitCodes.of(r)).isEqualTo(RunContract.EXIT_ERROR).isEqualTo(2);
        assertThat(ExitCodes.of(new RunnerResult())).isEqualTo(2);
    }
}
