package io.dataops.sit.runner.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The reports published into sit-reports (gzip each: JUnit XML, result JSON, Cucumber's HTML), fitted to a bound on
 * their compressed total. What does not fit is left out in a fixed order, HTML first because the JUnit and JSON carry
 * the same verdicts, then per-scenario messages, then scenario details; {@link #note()} says what was left out.
 *
 * @param binaryData the sit-reports binaryData keys ({@link Artifacts#JUNIT_KEY}, ...) to gzip bytes
 * @param note       the {@link Artifacts#NOTE_KEY} text, or null when everything fitted
 */
public record BoundedReports(Map<String, byte[]> binaryData, String note) {

    /** @param html Cucumber's HTML report, or null when it was not written (the run ended before scenarios ran) */
    public static BoundedReports fit(RunnerResult result, byte[] html, int maxBytes) {
        List<String> leftOut = new ArrayList<>();
        if (html == null) {
            leftOut.add(Artifacts.HTML_KEY + ": no HTML report was written (no scenario ran)");
        }
        RunnerResult copy = copyOf(result);
        Map<String, byte[]> reports = reports(copy, html);
        if (total(reports) > maxBytes && html != null) {
            leftOut.add(
                    Artifacts.HTML_KEY + ": Cucumber's HTML report left out (" + reports.get(Artifacts.HTML_KEY).length
                            + " bytes gzipped); the reports may take " + maxBytes + " bytes");
            reports = reports(copy, null);
        }
        if (total(reports) > maxBytes) {
            long withMessage = copy.getScenarioResults().stream()
                    .filter(s -> s.getMessage() != null)
                    .count();
            copy.getScenarioResults().forEach(s -> s.setMessage(null));
            leftOut.add("per-scenario messages of " + withMessage + " scenarios left out of " + Artifacts.JUNIT_KEY
                    + " and " + Artifacts.RESULT_KEY + " (the run's message and the pod log keep the first ones)");
            reports = reports(copy, null);
        }
        if (total(reports) > maxBytes) {
            int scenarios = copy.getScenarioResults().size();
            int passedThresholds = (int)
                    copy.getThresholds().stream().filter(t -> t.isPassed()).count();
            copy.setScenarioResults(new ArrayList<>());
            copy.setThresholds(new ArrayList<>(
                    copy.getThresholds().stream().filter(t -> !t.isPassed()).toList()));
            leftOut.add("all " + scenarios + " scenario entries and " + passedThresholds
                    + " passed thresholds left out of " + Artifacts.JUNIT_KEY + " and " + Artifacts.RESULT_KEY
                    + " (counts and failed thresholds kept)");
            reports = reports(copy, null);
        }
        if (total(reports) > maxBytes) {
            leftOut.add(Artifacts.JUNIT_KEY + " and " + Artifacts.RESULT_KEY + " left out: even without scenario "
                    + "details they exceed " + maxBytes + " bytes; see the runner's pod log");
            reports = Map.of();
        }
        return new BoundedReports(
                reports,
                leftOut.isEmpty()
                        ? null
                        : "Left out of these reports:\n"
                                + String.join(
                                        "\n",
                                        leftOut.stream().map(l -> "- " + l).toList()) + "\n");
    }

    private static Map<String, byte[]> reports(RunnerResult result, byte[] html) {
        Map<String, byte[]> reports = new LinkedHashMap<>();
        reports.put(Artifacts.JUNIT_KEY, gzip(Reports.junitXml(result).getBytes(StandardCharsets.UTF_8)));
        reports.put(Artifacts.RESULT_KEY, gzip(ResultCodec.write(result).getBytes(StandardCharsets.UTF_8)));
        if (html != null) {
            reports.put(Artifacts.HTML_KEY, gzip(html));
        }
        return reports;
    }

    /** The compressed total of all reports. */
    public int totalBytes() {
        return total(binaryData);
    }

    private static int total(Map<String, byte[]> reports) {
        return reports.values().stream().mapToInt(b -> b.length).sum();
    }

    private static final ObjectMapper COPIER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Shrinking must not change the result the runner then writes to sit-results: it works on a deep copy. */
    private static RunnerResult copyOf(RunnerResult result) {
        return COPIER.convertValue(result, RunnerResult.class);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
