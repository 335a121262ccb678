package io.dataops.sit.operator.evidence;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.status.ReportStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Copies the runner's reports from sit-reports (run namespace) into {@code <run>.sit-report} next to the SitRun at the
 * end of every run. When the runner wrote none (the run ended before or while it ran), the operator writes
 * result.json.gz and junit.xml.gz itself from the run's status, so CI always finds a JUnit report that is not green.
 * The run's Secret values are redacted from the copies (a failure message may quote a token the runner was given).
 */
public final class ReportCopy {

    static final List<String> REPORT_KEYS = List.of(Artifacts.JUNIT_KEY, Artifacts.RESULT_KEY, Artifacts.HTML_KEY);

    private ReportCopy() {}

    public static ReportStatus publish(KubernetesClient client, SitRun run, SitRunStatus ended) {
        String name = Artifacts.reportConfigMap(run.getMetadata().getName());
        Map<String, String> binary = new LinkedHashMap<>();
        Map<String, String> data = new LinkedHashMap<>();
        String note = null;
        ConfigMap reports = ended.getNamespace() == null
                ? null
                : client.configMaps()
                        .inNamespace(ended.getNamespace())
                        .withName(RunContract.REPORTS_CONFIGMAP)
                        .get();
        if (reports != null && reports.getBinaryData() != null) {
            List<String> notes = new ArrayList<>();
            SecretScrubber scrubber = SecretScrubber.forRun(client, run, ended.getNamespace(), notes);
            for (String key : REPORT_KEYS) {
                String value = reports.getBinaryData().get(key);
                if (value == null) {
                    continue;
                }
                String scrubbed = scrubbed(value, scrubber);
                if (scrubbed != null) {
                    binary.put(key, scrubbed);
                } else {
                    notes.add(key + " was left out: not a gzip file of at most " + MAX_REPORT_TEXT_BYTES + " bytes");
                }
            }
            if (!notes.isEmpty()) {
                note = String.join("; ", notes);
            }
        }
        if (reports != null && reports.getData() != null && reports.getData().get(Artifacts.NOTE_KEY) != null) {
            data.put(Artifacts.NOTE_KEY, reports.getData().get(Artifacts.NOTE_KEY));
        }
        if (!binary.containsKey(Artifacts.JUNIT_KEY) || !binary.containsKey(Artifacts.RESULT_KEY)) {
            RunnerResult result = fromStatus(ended);
            binary.put(Artifacts.RESULT_KEY, gzipBase64(ResultCodec.write(result)));
            binary.put(Artifacts.JUNIT_KEY, gzipBase64(Reports.junitXml(result)));
            binary.remove(Artifacts.HTML_KEY);
            note = join(
                    note,
                    "the runner wrote no report (" + ended.getReason() + "); result.json and junit.xml were "
                            + "written by the operator from the SitRun's status");
        }
        if (size(binary) > Artifacts.MAX_REPORT_BYTES && binary.remove(Artifacts.HTML_KEY) != null) {
            note = join(note, "report.html was left out: the reports exceed " + Artifacts.MAX_REPORT_BYTES + " bytes");
        }
        if (note != null) {
            data.merge(Artifacts.NOTE_KEY, note + "\n", (a, b) -> a.endsWith("\n") ? a + b : a + "\n" + b);
        }
        var written = ArtifactConfigMaps.write(client, run, name, Artifacts.COMPONENT_REPORT, binary, data);
        ReportStatus status = new ReportStatus();
        if (written.written()) {
            status.setConfigMap(name);
            status.setKeys(new ArrayList<>(binary.keySet()));
            status.setMessage(note);
        } else {
            status.setMessage(written.message());
        }
        return status;
    }

    /** The run's verdict as a runner result: a run that never reached a verdict of the runner is an error, never a pass. */
    static RunnerResult fromStatus(SitRunStatus status) {
        RunnerResult result = new RunnerResult();
        result.setOutcome(
                status.getPhase() == Phase.SUCCEEDED
                        ? Outcome.PASSED
                        : status.getPhase() == Phase.FAILED ? Outcome.FAILED : Outcome.ERROR);
        result.setReason(status.getReason());
        result.setMessage(status.getMessage());
        var results = status.getResults();
        result.setScenarios(
                results != null && results.getScenarios() != null
                        ? results.getScenarios()
                        : new ScenarioCounts(0, 0, 0));
        if (results != null) {
            result.setThresholds(results.getThresholds());
        }
        result.setStartedAt(status.getStartTime());
        result.setFinishedAt(status.getCompletionTime());
        return result;
    }

    /** Uncompressed reports are read up to this size to take the run's Secret values out of them. */
    static final int MAX_REPORT_TEXT_BYTES = 16 * 1024 * 1024;

    /**
     * The report with the run's Secret values redacted (the runner's own redaction cannot know them all), re-compressed
     * only when something was replaced; null when it is not gzip or decompresses beyond the bound.
     */
    static String scrubbed(String base64Gzip, SecretScrubber scrubber) {
        String text;
        try (var in =
                new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64Gzip)))) {
            byte[] bytes = in.readNBytes(MAX_REPORT_TEXT_BYTES + 1);
            if (bytes.length > MAX_REPORT_TEXT_BYTES) {
                return null;
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String clean = scrubber.scrubValues(text);
        return clean.equals(text) ? base64Gzip : gzipBase64(clean);
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    private static long size(Map<String, String> base64) {
        return base64.values().stream().mapToLong(v -> v.length() * 3L / 4).sum();
    }

    static String gzipBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
