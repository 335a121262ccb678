package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencyPolicy;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencySpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.status.SystemStatus;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec.imageConsistency and the image digests in status, through the operator on the mock API server: the simulated
 * kubelet reports each pod's resolved image (containerStatuses[].imageID), as a real one does.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ImageConsistencyReconcileTest extends TenantRunsTest {

    static final String CORE_A = "registry.example.com/core@sha256:" + "a".repeat(64);
    static final String CORE_B = "registry.example.com/core@sha256:" + "b".repeat(64);
    static final String STAGE_LIB = "registry.example.com/stage-lib@sha256:" + "c".repeat(64);
    static final String RUNNER = "ghcr.io/dataops-sit/sit-runner@sha256:" + "d".repeat(64);

    static SystemSpec system(String name, String revision) {
        SystemSpec system = new SystemSpec();
        system.setName(name);
        system.setImage("registry.example.com/" + name + ":3");
        system.setRevision(revision);
        return system;
    }

    /** Systems core and stage-lib (the StreamSets pair: a stage library must match its core's build). */
    static void pipeline(SitRunSpec spec, ImageConsistencyPolicy policy, String coreRevision, String libRevision) {
        spec.setSystems(List.of(system("core", coreRevision), system("stage-lib", libRevision)));
        if (policy != null) {
            ImageConsistencySpec rule = new ImageConsistencySpec();
            rule.setPolicy(policy);
            spec.setImageConsistency(rule);
        }
    }

    Deployment deployment(String runNs, String system) {
        eventually()
                .until(() -> client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName(system)
                                .get()
                        != null);
        return client.apps().deployments().inNamespace(runNs).withName(system).get();
    }

    /** The kubelet starts the system's pods (one per image ID), then the Deployment reports them available. */
    void systemRuns(String runNs, String system, String... imageIds) {
        cluster().podsRunning(runNs, system, deployment(runNs, system).getSpec().getTemplate(), imageIds);
        cluster().markDeploymentAvailable(runNs, system);
    }

    Job runnerJob(String runNs) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(runNs)
                .withName(Constants.RUNNER_JOB_NAME)
                .get();
    }

    List<Event> events(String ns, String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()))
                .toList();
    }

    static SystemStatus system(SitRun run, String name) {
        return run.getStatus().getSystems().stream()
                .filter(s -> s.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void digestsAreRecordedPerSystemAndForTheRunnerAndConsistentRevisionsPass() {
        String ns = tenantNamespace("digests");
        apply(ns, "same-build", spec -> pipeline(spec, ImageConsistencyPolicy.FAIL, "3.1.0", "3.1.0"));
        String runNs = awaitPhase(ns, "same-build", Phase.SEEDING).getStatus().getNamespace();

        systemRuns(runNs, "core", "docker-pullable://" + CORE_A);
        systemRuns(runNs, "stage-lib", STAGE_LIB);
        eventually().until(() -> runnerJob(runNs) != null);
        cluster().podsRunning(runNs, "sit-runner", runnerJob(runNs).getSpec().getTemplate(), RUNNER);

        eventually().untilAsserted(() -> {
            SitRun run = get(ns, "same-build");
            assertThat(system(run, "core").getImageDigests()).containsExactly(CORE_A);
            assertThat(system(run, "stage-lib").getImageDigests()).containsExactly(STAGE_LIB);
            assertThat(run.getStatus().getRunner().getImageDigests()).containsExactly(RUNNER);
        });
        SitRun run = get(ns, "same-build");
        assertThat(run.getStatus().getRunner().getImage())
                .isEqualTo(runnerJob(runNs)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage());
        var condition = run.getStatus().condition(Conditions.IMAGES_CONSISTENT);
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isEqualTo("OneBuild");
        assertThat(condition.getMessage()).contains("core, stage-lib declare revision 3.1.0", "2 of them");

        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        SitRun done = awaitPhase(ns, "same-build", Phase.SUCCEEDED);
        assertThat(system(done, "core").getImageDigests())
                .as("kept on the ended run")
                .containsExactly(CORE_A);
    }

    @Test
    void failWithDifferentDeclaredRevisionsEndsTheRunBeforeAnythingIsCreated() {
        String ns = tenantNamespace("digests");
        apply(ns, "stale-lib", spec -> pipeline(spec, ImageConsistencyPolicy.FAIL, "3.1.0", "3.0.0"));
        SitRun run = awaitPhase(ns, "stale-lib", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo("ImagesFromDifferentBuilds");
        assertThat(run.getStatus().getMessage())
                .contains("core (revision 3.1.0)", "stage-lib (revision 3.0.0)", "policy Fail");
        assertThat(run.getStatus().condition(Conditions.IMAGES_CONSISTENT).getStatus())
                .isEqualTo("False");
        // Not even the namespace: no runner Job can exist.
        assertThat(client.namespaces().withName(RunNames.namespace(run)).get()).isNull();
        assertThat(runnerJob(RunNames.namespace(run))).isNull();
    }

    @Test
    void failWhenOneSystemsPodsRunTwoDigestsEndsTheRunBeforeTheRunnerJobExists() {
        String ns = tenantNamespace("digests");
        apply(ns, "moved-tag", spec -> {
            pipeline(spec, ImageConsistencyPolicy.FAIL, "3.1.0", "3.1.0");
            spec.getSystems().getFirst().setReplicas(2);
        });
        String runNs = awaitPhase(ns, "moved-tag", Phase.SEEDING).getStatus().getNamespace();
        systemRuns(runNs, "stage-lib", STAGE_LIB);
        // core's two pods were pulled at different times, and its tag moved in between.
        systemRuns(runNs, "core", CORE_A, CORE_B);

        SitRun run = awaitPhase(ns, "moved-tag", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo("ImagesFromDifferentBuilds");
        assertThat(run.getStatus().getMessage()).contains("the pods of core ran 2 different images", CORE_A, CORE_B);
        assertThat(system(run, "core").getImageDigests()).containsExactly(CORE_A, CORE_B);
        assertThat(runnerJob(runNs)).as("the runner never started").isNull();
        // Still none a while later: the ended run is not rebuilt.
        eventually().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> runnerJob(runNs) == null);
    }

    @Test
    void warnSetsTheConditionAndAnEventAndTheRunGoesOn() {
        String ns = tenantNamespace("digests");
        apply(ns, "warned", spec -> pipeline(spec, ImageConsistencyPolicy.WARN, "3.1.0", "3.0.0"));
        String runNs = awaitPhase(ns, "warned", Phase.SEEDING).getStatus().getNamespace();
        eventually().untilAsserted(() -> {
            var condition = get(ns, "warned").getStatus().condition(Conditions.IMAGES_CONSISTENT);
            assertThat(condition.getStatus()).isEqualTo("False");
            assertThat(condition.getReason()).isEqualTo("ImagesFromDifferentBuilds");
            assertThat(condition.getMessage()).contains("core (revision 3.1.0)", "stage-lib (revision 3.0.0)");
        });
        eventually()
                .untilAsserted(() -> assertThat(events(ns, "ImagesFromDifferentBuilds"))
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.getType()).isEqualTo("Warning");
                            assertThat(e.getMessage()).contains("stage-lib (revision 3.0.0)", "policy Warn");
                        }));

        systemRuns(runNs, "core", CORE_A);
        systemRuns(runNs, "stage-lib", STAGE_LIB);
        awaitPhase(ns, "warned", Phase.TESTING);
        eventually().until(() -> runnerJob(runNs) != null);
        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        SitRun done = awaitPhase(ns, "warned", Phase.SUCCEEDED);
        assertThat(done.getStatus().condition(Conditions.IMAGES_CONSISTENT).getStatus())
                .isEqualTo("False");
        assertThat(events(ns, "ImagesFromDifferentBuilds"))
                .as("one warning per run")
                .hasSize(1);
    }
}
