package io.dataops.sit.kubectl;

import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The reports of one run as the operator kept them in {@code <run>.sit-report} (gzip per key), or, when that
 * ConfigMap is missing, a result built from the SitRun's status so the table and exit code still say something.
 *
 * junit, json and html are the gunzipped reports, null when the ConfigMap does not hold them; note says why reports
 * are missing or cut (status.report.message, NOTE.txt), null when nothing is.
 */
record RunReports(RunnerResult result, byte[] junit, byte[] json, byte[] html, boolean fromConfigMap, String note) {

    static RunReports fetch(Kube kube, SitRun run) {
        SitRunStatus status = run.getStatus();
        String name = status != null
                        && status.getReport() != null
                        && status.getReport().getConfigMap() != null
                ? status.getReport().getConfigMap()
                : Artifacts.reportConfigMap(run.getMetadata().getName());
        String statusNote = status != null && status.getReport() != null
                ? status.getReport().getMessage()
                : null;
        ConfigMap cm = kube.configMap(name);
        if (cm == null) {
            String why = "no report ConfigMap " + name + (statusNote != null ? " (" + statusNote + ")" : "")
                    + "; the result is built from the SitRun's status";
            return new RunReports(fromStatus(run), null, null, null, false, why);
        }
        Map<String, String> binary = cm.getBinaryData() == null ? Map.of() : cm.getBinaryData();
        byte[] json = gunzip(binary.get(Artifacts.RESULT_KEY), name, Artifacts.RESULT_KEY);
        RunnerResult result = null;
        String note = cm.getData() == null ? null : cm.getData().get(Artifacts.NOTE_KEY);
        if (json != null) {
            try {
                result = ResultCodec.readRunner(new String(json, StandardCharsets.UTF_8));
            } catch (ResultCodec.InvalidResultException e) {
                note = join(note, name + " " + Artifacts.RESULT_KEY + " is unreadable (" + e.getMessage() + ")");
            }
        }
        if (result == null) {
            result = fromStatus(run);
            note = join(note, "the result is built from the SitRun's status");
        }
        return new RunReports(
                result,
                gunzip(binary.get(Artifacts.JUNIT_KEY), name, Artifacts.JUNIT_KEY),
                json,
                gunzip(binary.get(Artifacts.HTML_KEY), name, Artifacts.HTML_KEY),
                true,
                join(statusNote, note));
    }

    /** What status alone says: outcome from the phase, reason, message, scenario counts and thresholds. */
    static RunnerResult fromStatus(SitRun run) {
        RunnerResult result = new RunnerResult();
        SitRunStatus status = run.getStatus();
        if (status == null) {
            result.setOutcome(Outcome.ERROR);
            result.setReason("NoStatus");
            result.setMessage(
                    "sitrun " + run.getMetadata().getName() + " has no status yet (is the operator running?)");
            return result;
        }
        Phase phase = status.getPhase();
        result.setOutcome(
                phase == Phase.SUCCEEDED ? Outcome.PASSED : phase == Phase.FAILED ? Outcome.FAILED : Outcome.ERROR);
        result.setReason(status.getReason());
        result.setMessage(
                phase != null && !phase.isTerminal()
                        ? "still " + phase.value() + (status.getMessage() != null ? ": " + status.getMessage() : "")
                        : status.getMessage());
        if (status.getResults() != null) {
            ScenarioCounts counts = status.getResults().getScenarios();
            if (counts != null) {
                result.setScenarios(counts);
            }
            result.setThresholds(status.getResults().getThresholds());
        }
        result.setStartedAt(status.getStartTime());
        result.setFinishedAt(status.getCompletionTime());
        return result;
    }

    byte[] junitOrBuilt() {
        return junit != null ? junit : Reports.junitXml(result).getBytes(StandardCharsets.UTF_8);
    }

    byte[] jsonOrBuilt() {
        return json != null ? json : ResultCodec.write(result).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a report to a file, or to out for "-". */
    static void write(byte[] content, String target, PrintWriter out) {
        if ("-".equals(target)) {
            out.print(new String(content, StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        try {
            Path file = Path.of(target);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static byte[] gunzip(String base64, String configMap, String key) {
        if (base64 == null) {
            return null;
        }
        try (GZIPInputStream in =
                new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return in.readAllBytes();
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("ConfigMap " + configMap + " key " + key + " is not gzip: " + e.getMessage(), e);
        }
    }

    private static String join(String a, String b) {
        return a == null || a.isBlank() ? b : b == null || b.isBlank() ? a : a.strip() + "; " + b.strip();
    }
}
