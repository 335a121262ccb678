package io.dataops.sit.operator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.spec.EvidenceSpec;
import io.dataops.sit.api.v1alpha1.spec.EvidenceWhen;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.TestRuns;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RunArtifactsTest {

    static final String RUN_NS = "sit-orders-abc12";
    static final Instant NOW = Instant.parse("2026-12-01T10:10:00Z");

    KubernetesClient client;

    RunArtifacts artifacts() {
        return new RunArtifacts(
                client,
                OperatorSettings.Evidence.DEFAULTS,
                (c, ns) -> (pod, container, previous, tail, limit) -> new ByteArrayInputStream(new byte[0]));
    }

    static SitRunStatus ended(Phase phase, String reason) {
        SitRunStatus status = new SitRunStatus();
        status.setPhase(phase);
        status.setReason(reason);
        status.setMessage("the run ended: " + reason);
        status.setNamespace(RUN_NS);
        return status;
    }

    static String gunzip(String base64) throws IOException {
        try (var in =
                new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRunWithoutReportsGetsAnErroredJUnitFromItsStatusAndItsEvidence() throws IOException {
        SitRun run = TestRuns.run("orders");
        SitRunStatus status = ended(Phase.ERROR, "ImagePullFailed");

        artifacts().publish(run, status, NOW);

        assertThat(status.getReport().getConfigMap()).isEqualTo("orders.sit-report");
        assertThat(status.getReport().getKeys()).containsExactlyInAnyOrder(Artifacts.JUNIT_KEY, Artifacts.RESULT_KEY);
        assertThat(status.getReport().getMessage()).contains("the runner wrote no report (ImagePullFailed)");
        var report = client.configMaps()
                .inNamespace("team-a")
                .withName("orders.sit-report")
                .get();
        assertThat(gunzip(report.getBinaryData().get(Artifacts.JUNIT_KEY))).contains("<testsuites", "error");
        assertThat(gunzip(report.getBinaryData().get(Artifacts.RESULT_KEY)))
                .contains("\"outcome\" : \"Error\"", "ImagePullFailed");
        assertThat(report.getData().get(Artifacts.NOTE_KEY)).contains("written by the operator");

        var evidence = status.getEvidence();
        assertThat(evidence.getConfigMap()).isEqualTo("orders.sit-evidence");
        assertThat(evidence.getCapturedAt()).isEqualTo("2026-12-01T10:10:00Z");
        assertThat(evidence.getSizeBytes()).isPositive();
        var cm = client.configMaps()
                .inNamespace("team-a")
                .withName("orders.sit-evidence")
                .get();
        assertThat(cm.getData().get(Artifacts.MANIFEST_KEY)).contains("file: events.txt", "data/: no data evidence");
        var unpacked = EvidenceBundle.unpack(
                Base64.getDecoder().decode(cm.getBinaryData().get(Artifacts.EVIDENCE_KEY)));
        assertThat(unpacked)
                .extracting(EvidenceBundle.File::path)
                .startsWith(EvidenceBundle.MANIFEST)
                .contains("events.txt", "pods.txt", "jobs.txt");
        assertThat(evidence.getFiles()).isEqualTo(unpacked.size());
    }

    @Test
    void theRunnersReportsAreCopiedAsTheyAre() {
        client.configMaps()
                .inNamespace(RUN_NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(RunContract.REPORTS_CONFIGMAP)
                        .endMetadata()
                        .addToBinaryData(Artifacts.JUNIT_KEY, ReportCopy.gzipBase64("<testsuites name=\"runner\"/>"))
                        .addToBinaryData(Artifacts.RESULT_KEY, ReportCopy.gzipBase64("{}"))
                        .addToBinaryData(Artifacts.HTML_KEY, ReportCopy.gzipBase64("<html/>"))
                        .addToData(Artifacts.NOTE_KEY, "2 scenario logs cut")
                        .build())
                .create();
        SitRun run = TestRuns.run("passing");
        SitRunStatus status = ended(Phase.SUCCEEDED, "Passed");

        artifacts().publish(run, status, NOW);

        assertThat(status.getReport().getKeys())
                .containsExactly(Artifacts.JUNIT_KEY, Artifacts.RESULT_KEY, Artifacts.HTML_KEY);
        assertThat(status.getReport().getMessage()).isNull();
        var report = client.configMaps()
                .inNamespace("team-a")
                .withName("passing.sit-report")
                .get();
        assertThat(report.getBinaryData().get(Artifacts.JUNIT_KEY))
                .isEqualTo(ReportCopy.gzipBase64("<testsuites name=\"runner\"/>"));
        assertThat(report.getData()).containsEntry(Artifacts.NOTE_KEY, "2 scenario logs cut");
        // OnFailure (the default) and a passed run: no evidence, said so.
        assertThat(status.getEvidence().getConfigMap()).isNull();
        assertThat(status.getEvidence().getMessage()).contains("OnFailure");
        assertThat(client.configMaps()
                        .inNamespace("team-a")
                        .withName("passing.sit-evidence")
                        .get())
                .isNull();
    }

    @Test
    void theSameRunEndIsNotCollectedTwice() {
        SitRun run = TestRuns.run("twice");
        AtomicInteger logReads = new AtomicInteger();
        client.pods()
                .inNamespace(RUN_NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("sit-runner-t1")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("runner")
                        .withImage("runner")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        var counting = new RunArtifacts(
                client, OperatorSettings.Evidence.DEFAULTS, (c, ns) -> (pod, container, previous, tail, limit) -> {
                    logReads.incrementAndGet();
                    return new ByteArrayInputStream("boom\n".getBytes(StandardCharsets.UTF_8));
                });
        SitRunStatus first = ended(Phase.FAILED, "Timeout");
        first.setStartTime("2026-12-01T10:00:00Z");
        counting.publish(run, first, NOW);
        // The status write of that end failed: the same end is seen again a moment later.
        SitRunStatus again = ended(Phase.FAILED, "Timeout");
        again.setStartTime("2026-12-01T10:00:00Z");
        counting.publish(run, again, NOW.plusSeconds(5));

        assertThat(logReads.get()).isEqualTo(1);
        assertThat(again.getEvidence().getCapturedAt())
                .isEqualTo(first.getEvidence().getCapturedAt());
        assertThat(again.getEvidence().getSizeBytes())
                .isEqualTo(first.getEvidence().getSizeBytes());
        assertThat(again.getEvidence().getFiles()).isEqualTo(first.getEvidence().getFiles());

        // A re-run (another start) is captured afresh.
        SitRunStatus rerun = ended(Phase.FAILED, "Timeout");
        rerun.setStartTime("2026-12-01T11:00:00Z");
        counting.publish(run, rerun, NOW.plusSeconds(3600));
        assertThat(logReads.get()).isEqualTo(2);
        assertThat(rerun.getEvidence().getCapturedAt()).isEqualTo("2026-12-01T11:10:00Z");
    }

    @Test
    void aSecretValueInTheRunnersReportIsRedactedInTheCopy() throws IOException {
        String marker = "MARKER-report-secret-4471";
        client.secrets()
                .inNamespace(RUN_NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("orders-api")
                        .endMetadata()
                        .addToData("token", Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8)))
                        .build())
                .create();
        client.configMaps()
                .inNamespace(RUN_NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(RunContract.REPORTS_CONFIGMAP)
                        .endMetadata()
                        .addToBinaryData(
                                Artifacts.JUNIT_KEY,
                                ReportCopy.gzipBase64("<failure message=\"401 with " + marker + "\"/>"))
                        .addToBinaryData(Artifacts.RESULT_KEY, ReportCopy.gzipBase64("{}"))
                        .build())
                .create();
        SitRun run = TestRuns.run("leaky");
        run.getSpec().setRunner(new RunnerSpec());
        run.getSpec()
                .getRunner()
                .setEnv(List.of(new EnvVarBuilder()
                        .withName("API_TOKEN")
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName("orders-api")
                        .withKey("token")
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build()));

        artifacts().publish(run, ended(Phase.FAILED, "ScenariosFailed"), NOW);

        var report = client.configMaps()
                .inNamespace("team-a")
                .withName("leaky.sit-report")
                .get();
        assertThat(gunzip(report.getBinaryData().get(Artifacts.JUNIT_KEY)))
                .doesNotContain(marker)
                .contains("401 with [redacted]");
        assertThat(report.getBinaryData().get(Artifacts.RESULT_KEY))
                .as("a report without secret values is copied as is")
                .isEqualTo(ReportCopy.gzipBase64("{}"));
    }

    @Test
    void neverCapturesNoEvidenceButStillCopiesTheReport() {
        SitRun run = TestRuns.run("quiet");
        run.getSpec().setEvidence(new EvidenceSpec(EvidenceWhen.NEVER));
        SitRunStatus status = ended(Phase.FAILED, "Timeout");

        artifacts().publish(run, status, NOW);

        assertThat(status.getReport().getConfigMap()).isEqualTo("quiet.sit-report");
        assertThat(status.getEvidence().getConfigMap()).isNull();
        assertThat(status.getEvidence().getMessage()).contains("Never");
        assertThat(client.configMaps()
                        .inNamespace("team-a")
                        .withName("quiet.sit-evidence")
                        .get())
                .isNull();
        assertThat(RunArtifacts.evidenceMissing(run, status))
                .as("nothing to retry")
                .isFalse();
    }

    @Test
    void aForeignEvidenceConfigMapIsReportedInStatusAndRetriedBeforeTheNamespaceGoes() {
        SitRun run = TestRuns.run("taken");
        client.configMaps()
                .inNamespace("team-a")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("taken.sit-evidence")
                        .endMetadata()
                        .addToData("x", "y")
                        .build())
                .create();
        SitRunStatus status = ended(Phase.FAILED, "ThresholdsFailed");

        artifacts().publish(run, status, NOW);
        assertThat(status.getEvidence().getCapturedAt()).isNull();
        assertThat(status.getEvidence().getMessage()).contains("does not belong to this SitRun");
        assertThat(RunArtifacts.evidenceMissing(run, status)).isTrue();

        client.configMaps().inNamespace("team-a").withName("taken.sit-evidence").delete();
        assertThat(artifacts().retryMissing(run, status, NOW)).isTrue();
        assertThat(status.getEvidence().getConfigMap()).isEqualTo("taken.sit-evidence");
        assertThat(artifacts().retryMissing(run, status, NOW))
                .as("done: not captured twice")
                .isFalse();
    }
}
