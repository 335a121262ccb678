package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunProgress;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.EvidenceSpec;
import io.dataops.sit.api.v1alpha1.spec.EvidenceWhen;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an ended run leaves next to its SitRun (issue 10): the report ConfigMap always, the evidence ConfigMap per
 * spec.evidence.when, both in status; captured before a timed-out run's Jobs are stopped. Progress while Testing.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class EvidenceReconcileTest extends TenantRunsTest {

    Job runnerJob(String runNamespace) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(runNamespace)
                .withName(Constants.RUNNER_JOB_NAME)
                .get();
    }

    SitRun startedRun(String ns, String name, Consumer<SitRunSpec> customize) {
        apply(ns, name, customize);
        SitRun run = awaitPhase(ns, name, Phase.TESTING);
        eventually().until(() -> runnerJob(run.getStatus().getNamespace()) != null);
        return run;
    }

    ConfigMap configMap(String ns, String name) {
        return client.configMaps().inNamespace(ns).withName(name).get();
    }

    Map<String, String> evidenceFiles(String ns, String run) {
        var cm = configMap(ns, Artifacts.evidenceConfigMap(run));
        return EvidenceBundle.unpack(
                        Base64.getDecoder().decode(cm.getBinaryData().get(Artifacts.EVIDENCE_KEY)))
                .stream()
                .collect(Collectors.toMap(EvidenceBundle.File::path, EvidenceBundle.File::text));
    }

    @Test
    void aFailingRunEndsWithItsReportAndEvidenceNextToTheSitRun() {
        String ns = tenantNamespace("evidence");
        SitRun run = startedRun(ns, "failing", s -> {});
        String runNs = run.getStatus().getNamespace();
        var reports = configMap(runNs, RunContract.REPORTS_CONFIGMAP);
        assertThat(reports.getMetadata().getLabels()).containsEntry(Labels.COMPONENT, Constants.COMPONENT_REPORTS);
        assertThat(runnerJob(runNs)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo(RunContract.ENV_EVIDENCE_RECORDS);
                    assertThat(e.getValue()).isEqualTo("20");
                })
                .anySatisfy(e -> assertThat(e.getName()).isEqualTo(RunContract.ENV_EVIDENCE_ROWS));

        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(false));
        cluster().markJobFailed(runNs, Constants.RUNNER_JOB_NAME, "BackoffLimitExceeded");
        SitRun failed = awaitPhase(ns, "failing", Phase.FAILED);

        assertThat(failed.getStatus().getReport().getConfigMap()).isEqualTo("failing.sit-report");
        assertThat(failed.getStatus().getReport().getKeys()).contains(Artifacts.JUNIT_KEY, Artifacts.RESULT_KEY);
        assertThat(failed.getStatus().getEvidence().getConfigMap()).isEqualTo("failing.sit-evidence");
        assertThat(failed.getStatus().getEvidence().getCapturedAt()).isNotNull();
        for (String name : new String[] {"failing.sit-report", "failing.sit-evidence"}) {
            var cm = configMap(ns, name);
            assertThat(cm.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(o -> assertThat(o.getUid())
                            .isEqualTo(failed.getMetadata().getUid()));
            assertThat(cm.getMetadata().getLabels())
                    .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                    .containsEntry(Labels.RUN, "failing");
        }
        assertThat(evidenceFiles(ns, "failing"))
                .containsKeys(EvidenceBundle.MANIFEST, "events.txt", "pods.txt", "jobs.txt");
    }

    @Test
    void neverCapturesNoEvidenceButTheReportIsStillCopied() {
        String ns = tenantNamespace("evidence");
        SitRun run = startedRun(ns, "never", s -> s.setEvidence(new EvidenceSpec(EvidenceWhen.NEVER)));
        String runNs = run.getStatus().getNamespace();
        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(false));
        cluster().markJobFailed(runNs, Constants.RUNNER_JOB_NAME, "BackoffLimitExceeded");
        SitRun failed = awaitPhase(ns, "never", Phase.FAILED);

        assertThat(failed.getStatus().getReport().getConfigMap()).isEqualTo("never.sit-report");
        assertThat(configMap(ns, "never.sit-report")).isNotNull();
        assertThat(failed.getStatus().getEvidence().getConfigMap()).isNull();
        assertThat(failed.getStatus().getEvidence().getMessage()).contains("Never");
        assertThat(configMap(ns, "never.sit-evidence")).isNull();
    }

    @Test
    void aTimedOutRunIsCapturedBeforeItsJobsAreStopped() {
        String ns = tenantNamespace("evidence");
        SitRun run = startedRun(ns, "slow", s -> s.setTimeout("4s"));
        String runNs = run.getStatus().getNamespace();
        client.pods()
                .inNamespace(runNs)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("sit-runner-slow1")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("runner")
                        .withImage("runner")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();

        SitRun failed = awaitPhase(ns, "slow", Phase.FAILED);
        assertThat(failed.getStatus().getReason()).isEqualTo("Timeout");
        eventually().until(() -> runnerJob(runNs) == null);

        Map<String, String> files = evidenceFiles(ns, "slow");
        assertThat(files.get("jobs.txt"))
                .as("the Job as it was before it was stopped")
                .contains("job sit-runner:");
        assertThat(files.get("pods.txt")).contains("pod sit-runner-slow1");
        assertThat(files.get(EvidenceBundle.MANIFEST)).contains("logs/sit-runner-slow1/runner.log");
        // The runner never wrote a report: the operator's JUnit says the run failed.
        var report = configMap(ns, "slow.sit-report");
        assertThat(report.getData().get(Artifacts.NOTE_KEY)).contains("the runner wrote no report (Timeout)");
    }

    /** Evidence that could not be written at the end gets another chance just before the TTL deletes the namespace. */
    @Test
    void evidenceMissingAtTheEndIsRetriedBeforeTheNamespaceIsDeleted() {
        String ns = tenantNamespace("evidence");
        // Someone else's ConfigMap holds the evidence's name when the run ends.
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("retried.sit-evidence")
                        .endMetadata()
                        .addToData("x", "y")
                        .build())
                .create();
        SitRun run = startedRun(ns, "retried", s -> s.setTtlSecondsAfterFinished(10L));
        String runNs = run.getStatus().getNamespace();
        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(false));
        cluster().markJobFailed(runNs, Constants.RUNNER_JOB_NAME, "BackoffLimitExceeded");
        SitRun failed = awaitPhase(ns, "retried", Phase.FAILED);
        assertThat(failed.getStatus().getEvidence().getCapturedAt()).isNull();
        assertThat(failed.getStatus().getEvidence().getMessage()).contains("does not belong to this SitRun");
        assertThat(configMap(ns, "retried.sit-evidence").getData()).containsOnlyKeys("x");

        client.configMaps().inNamespace(ns).withName("retried.sit-evidence").delete();
        eventually()
                .atMost(Duration.ofSeconds(40))
                .until(() -> get(ns, "retried").getStatus().getCleanup().isNamespaceDeleted());
        var evidence = get(ns, "retried").getStatus().getEvidence();
        assertThat(evidence.getConfigMap()).isEqualTo("retried.sit-evidence");
        assertThat(evidence.getCapturedAt()).isNotNull();
        assertThat(evidenceFiles(ns, "retried")).containsKeys("jobs.txt", "pods.txt");
    }

    @Test
    void progressOfTheRunnerShowsInStatusWhileTesting() {
        String ns = tenantNamespace("evidence");
        SitRun run = startedRun(ns, "progress", s -> {});
        String runNs = run.getStatus().getNamespace();
        client.configMaps()
                .inNamespace(runNs)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .edit(cm -> {
                    cm.setData(new HashMap<>(cm.getData() == null ? Map.of() : cm.getData()));
                    cm.getData()
                            .put(
                                    RunContract.PROGRESS_KEY,
                                    ResultCodec.write(new RunProgress(3, 2, 1, 1, "orders arrive")));
                    return cm;
                });
        eventually().until(() -> {
            var results = get(ns, "progress").getStatus().getResults();
            return results != null && "1/3".equals(results.getPassed());
        });
        var scenarios = get(ns, "progress").getStatus().getResults().getScenarios();
        assertThat(scenarios.getTotal()).isEqualTo(3);
        assertThat(scenarios.getFailed()).isEqualTo(1);
        assertThat(get(ns, "progress").getStatus().getPhase()).isEqualTo(Phase.TESTING);
        assertThat(get(ns, "progress").getStatus().getMessage())
                .contains("Progress: 2/3 scenarios finished", "current: orders arrive");
    }
}
