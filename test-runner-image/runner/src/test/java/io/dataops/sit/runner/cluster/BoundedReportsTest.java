package io.dataops.sit.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.ScenarioResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** What is left out of sit-reports when the reports exceed their bound, and that the note says so. */
class BoundedReportsTest {

    static RunnerResult result(int scenarios, int messageChars) {
        RunnerResult r = new RunnerResult();
        r.setOutcome(Outcome.FAILED);
        r.setMessage("some failed");
        Random random = new Random(7);
        for (int i = 0; i < scenarios; i++) {
            ScenarioResult s = new ScenarioResult();
            s.setFeature("orders.feature");
            s.setName("scenario " + i);
            s.setStatus("failed");
            // Random text: gzip must not make the bound trivially reachable.
            StringBuilder m = new StringBuilder();
            for (int c = 0; c < messageChars; c++) {
                m.append((char) ('a' + random.nextInt(26)));
            }
            s.setMessage(m.toString());
            r.getScenarioResults().add(s);
        }
        r.setScenarios(new ScenarioCounts(scenarios, 0, scenarios));
        return r;
    }

    static String gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] randomHtml(int bytes) {
        byte[] html = new byte[bytes];
        new Random(3).nextBytes(html);
        return html;
    }

    @Test
    void smallReportsAreAllPublishedWithoutANote() throws Exception {
        BoundedReports reports =
                BoundedReports.fit(result(3, 50), "<html>ok</html>".getBytes(StandardCharsets.UTF_8), 4096);

        assertThat(reports.binaryData())
                .containsOnlyKeys(Artifacts.JUNIT_KEY, Artifacts.RESULT_KEY, Artifacts.HTML_KEY);
        assertThat(reports.note()).isNull();
        assertThat(gunzip(reports.binaryData().get(Artifacts.HTML_KEY))).isEqualTo("<html>ok</html>");
        String junit = gunzip(reports.binaryData().get(Artifacts.JUNIT_KEY));
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.getBytes(StandardCharsets.UTF_8)));
        assertThat(junit).contains("scenario 2");
    }

    @Test
    void theHtmlIsLeftOutFirst() throws Exception {
        BoundedReports reports = BoundedReports.fit(result(3, 50), randomHtml(20_000), 10_000);

        assertThat(reports.binaryData()).containsOnlyKeys(Artifacts.JUNIT_KEY, Artifacts.RESULT_KEY);
        assertThat(reports.totalBytes()).isLessThanOrEqualTo(10_000);
        assertThat(reports.note()).contains(Artifacts.HTML_KEY).doesNotContain("per-scenario messages");
        assertThat(gunzip(reports.binaryData().get(Artifacts.JUNIT_KEY))).contains("scenario 2");
    }

    @Test
    void thenPerScenarioMessagesThenScenarioEntries() throws Exception {
        RunnerResult big = result(200, 400);
        String originalMessage = big.getScenarioResults().get(0).getMessage();

        BoundedReports withoutMessages = BoundedReports.fit(big, randomHtml(5_000), 20_000);
        assertThat(withoutMessages.totalBytes()).isLessThanOrEqualTo(20_000);
        assertThat(withoutMessages.note())
                .contains(Artifacts.HTML_KEY, "per-scenario messages of 200 scenarios")
                .doesNotContain("scenario entries");
        assertThat(gunzip(withoutMessages.binaryData().get(Artifacts.JUNIT_KEY)))
                .contains("scenario 199")
                .doesNotContain(originalMessage);
        // The result the runner writes afterwards to sit-results keeps its messages.
        assertThat(big.getScenarioResults().get(0).getMessage()).isEqualTo(originalMessage);

        BoundedReports countsOnly = BoundedReports.fit(result(5000, 20), null, 20_000);
        assertThat(countsOnly.totalBytes()).isLessThanOrEqualTo(20_000);
        assertThat(countsOnly.note()).contains("all 5000 scenario entries", "no HTML report was written");
        assertThat(gunzip(countsOnly.binaryData().get(Artifacts.RESULT_KEY)))
                .contains("\"total\" : 5000")
                .doesNotContain("scenario 1");
    }
}
