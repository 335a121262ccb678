package io.dataops.sit.operator.evidence;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.spec.EvidenceSpec;
import io.dataops.sit.api.v1alpha1.spec.EvidenceWhen;
import io.dataops.sit.api.v1alpha1.status.EvidenceStatus;
import io.dataops.sit.api.v1alpha1.status.ReportStatus;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.phase.Timestamps;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * What an ended run leaves next to its SitRun: the report ConfigMap (always) and the evidence ConfigMap (when
 * spec.evidence.when captures the run's outcome), recorded in status.report and status.evidence. Called once when the
 * run ends, before anything is stopped, and again only for a part that failed, just before the run namespace is
 * deleted. Never throws: a failure becomes the status' message.
 */
public final class RunArtifacts {

    private static final Logger LOG = Logger.getLogger(RunArtifacts.class);
    /** On the evidence ConfigMap: the start of the run it holds and when it was captured (one capture per run end). */
    public static final String ANNOTATION_RUN_START = "sit.dataops.io/run-start";

    public static final String ANNOTATION_CAPTURED_AT = "sit.dataops.io/captured-at";

    private final KubernetesClient client;
    private final OperatorSettings.Evidence settings;
    private final BiFunction<KubernetesClient, String, LogSource> logSources;

    public RunArtifacts(KubernetesClient client, OperatorSettings.Evidence settings) {
        this(client, settings, LogSource::of);
    }

    RunArtifacts(
            KubernetesClient client,
            OperatorSettings.Evidence settings,
            BiFunction<KubernetesClient, String, LogSource> logSources) {
        this.client = client;
        this.settings = settings;
        this.logSources = logSources;
    }

    /** Publishes the report and, if the policy says so, the evidence of a run that just ended into {@code ended}. */
    public void publish(SitRun run, SitRunStatus ended, Instant now) {
        ended.setReport(report(run, ended));
        ended.setEvidence(evidence(run, ended, now));
    }

    /** Retries what failed at the end, while the run namespace still exists; true when something was retried. */
    public boolean retryMissing(SitRun run, SitRunStatus ended, Instant now) {
        if (!ended.isTerminal() || ended.getNamespace() == null) {
            return false;
        }
        boolean retried = false;
        if (reportMissing(ended)) {
            ended.setReport(report(run, ended));
            retried = true;
        }
        if (evidenceMissing(run, ended)) {
            ended.setEvidence(evidence(run, ended, now));
            retried = true;
        }
        return retried;
    }

    static boolean reportMissing(SitRunStatus status) {
        return status.getReport() == null || status.getReport().getConfigMap() == null;
    }

    static boolean evidenceMissing(SitRun run, SitRunStatus status) {
        return EvidenceSpec.effective(run.getSpec().getEvidence()).captures(status.getPhase())
                && (status.getEvidence() == null || status.getEvidence().getCapturedAt() == null);
    }

    private ReportStatus report(SitRun run, SitRunStatus ended) {
        try {
            return ReportCopy.publish(client, run, ended);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "report of SitRun %s/%s not written: %s",
                    run.getMetadata().getNamespace(), run.getMetadata().getName(), Redaction.safe(e.getMessage()));
            ReportStatus status = new ReportStatus();
            status.setMessage(
                    "the report could not be written: " + Redaction.safe(Redaction.firstLine(e.getMessage())));
            return status;
        }
    }

    private static Map<String, String> annotations(SitRunStatus ended, String capturedAt) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (ended.getStartTime() != null) {
            annotations.put(ANNOTATION_RUN_START, ended.getStartTime());
        }
        annotations.put(ANNOTATION_CAPTURED_AT, capturedAt);
        return annotations;
    }

    /** The status of an evidence ConfigMap this SitRun already holds for this run (same start), else null. */
    private EvidenceStatus alreadyCaptured(SitRun run, SitRunStatus ended, String name) {
        if (ended.getStartTime() == null) {
            return null;
        }
        var existing = client.configMaps()
                .inNamespace(run.getMetadata().getNamespace())
                .withName(name)
                .get();
        if (existing == null || !ArtifactConfigMaps.ownedBy(existing, run)) {
            return null;
        }
        var annotations = existing.getMetadata().getAnnotations();
        if (annotations == null || !ended.getStartTime().equals(annotations.get(ANNOTATION_RUN_START))) {
            return null;
        }
        String manifest = existing.getData() == null ? "" : existing.getData().getOrDefault(Artifacts.MANIFEST_KEY, "");
        String packed = existing.getBinaryData() == null
                ? null
                : existing.getBinaryData().get(Artifacts.EVIDENCE_KEY);
        EvidenceStatus status = new EvidenceStatus();
        status.setConfigMap(name);
        status.setCapturedAt(annotations.get(ANNOTATION_CAPTURED_AT));
        status.setSizeBytes(packed == null ? null : (long) Base64.getDecoder().decode(packed).length);
        status.setFiles(
                (int) manifest.lines().filter(l -> l.startsWith("file: ")).count() + 1);
        status.setTruncated(manifest.lines().anyMatch(l -> l.startsWith("cut: ")));
        return status;
    }

    private EvidenceStatus evidence(SitRun run, SitRunStatus ended, Instant now) {
        EvidenceWhen when = EvidenceSpec.effective(run.getSpec().getEvidence());
        EvidenceStatus status = new EvidenceStatus();
        if (!when.captures(ended.getPhase())) {
            status.setMessage("not captured: spec.evidence.when is " + when.value() + " and the run ended "
                    + ended.getPhase().value());
            return status;
        }
        if (ended.getNamespace() == null) {
            status.setMessage("not captured: the run has no namespace");
            return status;
        }
        String name = Artifacts.evidenceConfigMap(run.getMetadata().getName());
        try {
            EvidenceStatus already = alreadyCaptured(run, ended, name);
            if (already != null) {
                // A repeated end (a status write that failed, a retry): the run's evidence is not collected twice.
                return already;
            }
            var bundle = new EvidenceCollector(
                            client, logSources.apply(client, ended.getNamespace()), settings.logBytesPerContainer())
                    .collect(run, ended.getNamespace());
            var packed = bundle.pack(settings.maxBytes());
            String capturedAt = Timestamps.format(now);
            var written = ArtifactConfigMaps.write(
                    client,
                    run,
                    name,
                    Artifacts.COMPONENT_EVIDENCE,
                    annotations(ended, capturedAt),
                    Map.of(Artifacts.EVIDENCE_KEY, Base64.getEncoder().encodeToString(packed.tarGz())),
                    Map.of(Artifacts.MANIFEST_KEY, packed.manifest()));
            if (!written.written()) {
                status.setMessage(written.message());
                return status;
            }
            status.setConfigMap(name);
            status.setCapturedAt(capturedAt);
            status.setSizeBytes((long) packed.tarGz().length);
            status.setFiles(packed.files());
            status.setTruncated(packed.truncated());
            long notes = packed.manifest()
                    .lines()
                    .filter(l -> l.startsWith("note: ") || l.contains(" note: "))
                    .count();
            if (packed.truncated() || notes > 0) {
                status.setMessage((packed.truncated()
                                ? packed.cuts().size() + " file(s) cut to fit " + settings.maxBytes() + " bytes"
                                : "")
                        + (packed.truncated() && notes > 0 ? "; " : "")
                        + (notes > 0 ? notes + " note(s) on what could not be captured" : "") + "; see MANIFEST.txt");
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "evidence of SitRun %s/%s not captured: %s",
                    run.getMetadata().getNamespace(), run.getMetadata().getName(), Redaction.safe(e.getMessage()));
            status.setMessage(
                    "the evidence could not be captured: " + Redaction.safe(Redaction.firstLine(e.getMessage())));
        }
        return status;
    }
}
