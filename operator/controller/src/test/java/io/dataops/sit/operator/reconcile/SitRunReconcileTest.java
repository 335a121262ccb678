package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.status.CleanupStatus;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.Conditions;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The operator running in-process against the fabric8 mock server (CRUD), with ClusterSimulator playing
 * the Job controller, kubelet and runner. Each test uses its own SitRun namespace.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SitRunReconcileTest extends TenantRunsTest {

    @Inject
    RunSettings runSettings;

    String userNamespace() {
        return emptyTenantNamespace("team");
    }

    void features(String namespace, String name) {
        client.configMaps()
                .inNamespace(namespace)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .addToData("orders.feature", "Feature: orders\n")
                        .build())
                .create();
    }

    /** Here each run names its own features ConfigMap, {@code <name>-features} (see {@link #features}). */
    @Override
    SitRun apply(String namespace, String name, Consumer<SitRunSpec> customize) {
        return super.apply(namespace, name, spec -> {
            spec.getRunner().setFeatures(FeaturesSource.configMap(name + "-features"));
            customize.accept(spec);
        });
    }

    Job runnerJob(String runNamespace) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(runNamespace)
                .withName(Constants.RUNNER_JOB_NAME)
                .get();
    }

    /** A run without brokers or databases reaches Testing as soon as its namespace objects exist. */
    SitRun startedRun(String ns, String name, Consumer<SitRunSpec> customize) {
        features(ns, name + "-features");
        apply(ns, name, customize);
        SitRun run = awaitPhase(ns, name, Phase.TESTING);
        eventually().until(() -> runnerJob(run.getStatus().getNamespace()) != null);
        return run;
    }

    @Test
    void minimalRunBuildsTheEnvironmentRunsTheRunnerAndSucceeds() {
        String ns = userNamespace();
        SitRun run = startedRun(ns, "minimal", s -> {});
        String runNs = run.getStatus().getNamespace();

        Namespace namespace = client.namespaces().withName(runNs).get();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry(Labels.RUN, "minimal")
                .containsEntry(Labels.RUN_NAMESPACE, ns)
                .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        assertThat(namespace.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(namespace.getMetadata().getAnnotations())
                .containsEntry("io.javaoperatorsdk/primary-name", "minimal")
                .containsEntry("io.javaoperatorsdk/primary-namespace", ns);
        assertThat(client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(runNs)
                        .list()
                        .getItems())
                .hasSize(2);
        assertThat(client.resourceQuotas()
                        .inNamespace(runNs)
                        .withName(Constants.RESOURCE_QUOTA_NAME)
                        .get())
                .isNotNull();
        assertThat(client.limitRanges()
                        .inNamespace(runNs)
                        .withName(Constants.LIMIT_RANGE_NAME)
                        .get())
                .isNotNull();
        assertThat(client.configMaps()
                        .inNamespace(runNs)
                        .withName("minimal-features")
                        .get()
                        .getData())
                .containsKey("orders.feature");
        assertThat(client.configMaps()
                        .inNamespace(runNs)
                        .withName(RunContract.RUN_CONFIGMAP)
                        .get()
                        .getData()
                        .get(RunContract.RUN_CONFIGMAP_KEY))
                .contains("name: \"minimal\"")
                .contains("minimal-features");
        assertThat(client.serviceAccounts()
                        .inNamespace(runNs)
                        .withName(RunContract.RUNNER_SERVICE_ACCOUNT)
                        .get())
                .isNotNull();
        var role = client.rbac()
                .roles()
                .inNamespace(runNs)
                .withName(Constants.RUNNER_ROLE_NAME)
                .get();
        assertThat(role.getRules().get(0).getResourceNames())
                .containsExactly(RunContract.RESULTS_CONFIGMAP, RunContract.REPORTS_CONFIGMAP);
        assertThat(client.rbac()
                        .roleBindings()
                        .inNamespace(runNs)
                        .withName(Constants.RUNNER_ROLE_NAME)
                        .get())
                .isNotNull();

        Job job = runnerJob(runNs);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L + 60);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(RunContract.RUNNER_SERVICE_ACCOUNT);
        assertThat(pod.getContainers().get(0).getArgs()).containsExactly("run");
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("ghcr.io/dataops-sit/sit-runner:0.1.0");
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .extracting(m -> m.getMountPath())
                .contains("/sit/run", "/sit/configmaps/minimal-features");
        assertThat(pod.getContainers().get(0).getEnv())
                .extracting(e -> e.getName())
                .contains(RunContract.ENV_RUN_NAME, RunContract.ENV_RUN_FILE, RunContract.ENV_CONFIGMAPS_DIR);

        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        SitRun done = awaitPhase(ns, "minimal", Phase.SUCCEEDED);
        assertThat(done.getStatus().getResults().getPassed()).isEqualTo("3/3");
        assertThat(done.getStatus().getResults().getThresholds()).hasSize(1);
        assertThat(done.getStatus().condition(Conditions.FINISHED).getStatus()).isEqualTo("True");
        assertThat(done.getStatus().condition(Conditions.SUCCEEDED).getStatus()).isEqualTo("True");
        assertThat(done.getStatus().condition(Conditions.READY).getStatus()).isEqualTo("True");
        assertThat(done.getStatus().getCompletionTime()).isNotNull();
        assertThat(done.getStatus().getCleanup().getPolicy()).isEqualTo(CleanupStatus.POLICY_KEEP);
        eventually()
                .untilAsserted(() -> assertThat(
                                client.v1().events().inNamespace(ns).list().getItems())
                        .extracting(e -> e.getReason())
                        .contains("Pending", "Succeeded")
                        .as("Events mark what a person should notice, not every phase")
                        .doesNotContain("Testing"));
        // the ended run is not rebuilt: a deleted object stays deleted
        client.configMaps()
                .inNamespace(runNs)
                .withName(RunContract.RUN_CONFIGMAP)
                .delete();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> client.configMaps()
                                .inNamespace(runNs)
                                .withName(RunContract.RUN_CONFIGMAP)
                                .get()
                        == null);
    }

    @Test
    void failedThresholdEndsFailedAndKeepOnFailureKeepsTheNamespace() {
        String ns = userNamespace();
        SitRun run = startedRun(ns, "failing", s -> {
            s.setKeepOnFailure(true);
            s.setTtlSecondsAfterFinished(0L);
        });
        String runNs = run.getStatus().getNamespace();
        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(false));
        cluster().markJobFailed(runNs, Constants.RUNNER_JOB_NAME, "BackoffLimitExceeded");
        SitRun failed = awaitPhase(ns, "failing", Phase.FAILED);
        assertThat(failed.getStatus().getReason()).isEqualTo("ThresholdsFailed");
        assertThat(failed.getStatus().getResults().getPassed()).isEqualTo("2/3");
        assertThat(failed.getStatus().getCleanup().getPolicy()).isEqualTo(CleanupStatus.POLICY_KEEP_ON_FAILURE);
        assertThat(failed.getStatus().getCleanup().getDeleteAfter()).isNotNull();
        assertThat(failed.getStatus().getMessage()).contains("kept for debugging");
        assertThat(failed.getStatus().condition(Conditions.SUCCEEDED).getStatus())
                .isEqualTo("False");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> client.namespaces().withName(runNs).get() != null);
    }

    @Test
    void ttlDeletesTheNamespaceAfterTheEnd() {
        String ns = userNamespace();
        SitRun run = startedRun(ns, "ttl", s -> s.setTtlSecondsAfterFinished(1L));
        String runNs = run.getStatus().getNamespace();
        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        awaitPhase(ns, "ttl", Phase.SUCCEEDED);
        eventually().until(() -> get(ns, "ttl").getStatus().getCleanup().isNamespaceDeleted());
        assertThat(client.namespaces().withName(runNs).get()).isNull();
        assertThat(get(ns, "ttl").getStatus().getCleanup().getPolicy()).isEqualTo(CleanupStatus.POLICY_TTL);
    }

    @Test
    void missingConfigMapIsAnError() {
        String ns = userNamespace();
        apply(ns, "nofeatures", s -> {});
        SitRun run = awaitPhase(ns, "nofeatures", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo("ConfigMapNotFound");
        assertThat(run.getStatus().getMessage()).contains("nofeatures-features");
        assertThat(runnerJob(run.getStatus().getNamespace())).isNull();
        assertThat(run.getStatus().condition(Conditions.FINISHED).getStatus()).isEqualTo("True");
    }

    @Test
    void aRunnerImageTheOperatorDoesNotAllowEndsTheRunBeforeAnythingIsCreated() {
        String ns = userNamespace();
        features(ns, "foreign-features");
        apply(ns, "foreign", s -> s.getRunner().setImage("evil.example/runner:1"));
        SitRun run = awaitPhase(ns, "foreign", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo("ImageNotAllowed");
        assertThat(run.getStatus().getMessage()).contains("spec.runner.image", "evil.example/runner:1");
        // Not even the namespace: nothing of the run exists for the refused image to run in.
        assertThat(client.namespaces().withName(RunNames.namespace(run)).get()).isNull();
        assertThat(client.namespaces().withLabel(Labels.RUN, "foreign").list().getItems())
                .isEmpty();
    }

    @Test
    void referencedConfigMapsOverTheSizeCapEndTheRunWithoutBeingCopied() {
        String ns = userNamespace();
        // Each under Kubernetes' 1 MiB per object, together over the operator's 1 MiB per run.
        String big = "x".repeat(600 * 1024);
        for (String name : List.of("big-features", "orders-golden-v3", "currencies")) {
            client.configMaps()
                    .inNamespace(ns)
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .addToData("a", big)
                            .build())
                    .create();
        }
        apply(ns, "big", s -> s.setDatabases(List.of(TestRuns.database("db"))));
        SitRun run = awaitPhase(ns, "big", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo("ReferencesTooLarge");
        assertThat(run.getStatus().getMessage()).contains("sit.references.max-bytes", "big-features=614401");
        assertThat(client.configMaps()
                        .inNamespace(run.getStatus().getNamespace())
                        .withLabel(Labels.COMPONENT, Constants.COMPONENT_CONFIGMAP_COPY)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(runnerJob(run.getStatus().getNamespace())).isNull();
    }

    @Test
    void malformedResultIsAnError() {
        String ns = userNamespace();
        SitRun run = startedRun(ns, "malformed", s -> {});
        String runNs = run.getStatus().getNamespace();
        cluster().writeRunnerResult(runNs, "{\"outcome\": \"Passed\", \"scenarios\": ");
        cluster().markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        SitRun error = awaitPhase(ns, "malformed", Phase.ERROR);
        assertThat(error.getStatus().getReason()).isEqualTo("MalformedResult");
    }

    @Test
    void jobEndingWithoutResultIsNoResult() {
        String ns = userNamespace();
        SitRun run = startedRun(ns, "noresult", s -> {});
        cluster().markJobFailed(run.getStatus().getNamespace(), Constants.RUNNER_JOB_NAME, "BackoffLimitExceeded");
        assertThat(awaitPhase(ns, "noresult", Phase.ERROR).getStatus().getReason())
                .isEqualTo("NoResult");
    }

    @Test
    void imageThatNeverPullsIsAnErrorAndTheJobIsStopped() {
        String ns = userNamespace();
        // The operator's own runner image (another one would be refused before anything is created), unpullable here.
        String image = runSettings.operator().runnerImage();
        SitRun run = startedRun(ns, "badimage", s -> s.getRunner().setImage(image));
        String runNs = run.getStatus().getNamespace();
        cluster().podFailingToPull(runNs, "sit-runner-abcde", image);
        SitRun error = awaitPhase(ns, "badimage", Phase.ERROR);
        assertThat(error.getStatus().getReason()).isEqualTo("ImagePullFailed");
        assertThat(error.getStatus().getMessage()).contains(image).contains("ImagePullBackOff");
        eventually().until(() -> runnerJob(runNs) == null);
    }

    @Test
    void timeoutDuringTestingFailsAndStopsTheJob() {
        String ns = userNamespace();
        SitRun run = startedRun(ns, "slow", s -> s.setTimeout("4s"));
        String runNs = run.getStatus().getNamespace();
        assertThat(runnerJob(runNs).getSpec().getActiveDeadlineSeconds())
                .as("the operator's timeout acts first")
                .isEqualTo(4L + 60);
        SitRun failed = awaitPhase(ns, "slow", Phase.FAILED);
        assertThat(failed.getStatus().getReason()).isEqualTo("Timeout");
        eventually().until(() -> runnerJob(runNs) == null);
    }

    @Test
    void deletingTheSitRunDeletesItsNamespace() {
        String ns = userNamespace();
        SitRun run = startedRun(ns, "deleted", s -> {});
        String runNs = run.getStatus().getNamespace();
        assertThat(get(ns, "deleted").getMetadata().getFinalizers()).contains(Constants.FINALIZER);
        client.resources(SitRun.class).inNamespace(ns).withName("deleted").delete();
        eventually().until(() -> get(ns, "deleted") == null);
        assertThat(client.namespaces().withName(runNs).get()).isNull();
    }

    /**
     * A tenant who may create ConfigMaps in its namespace forges one with the operator's labels and JOSDK's primary
     * annotations pointing at its SitRun: the informers drop it (not a run namespace), the run builds its own objects
     * in the run namespace, and neither the run nor its deletion touches the forgery.
     */
    @Test
    void forgedObjectsInATenantNamespaceAreNeitherAdoptedNorDeleted() {
        String ns = userNamespace();
        var labels = new HashMap<>(RunNames.labels(TestRunsAccess.run(ns, "forged"), Constants.COMPONENT_RUN_SPEC));
        var forged = client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(RunContract.RUN_CONFIGMAP + "-forged")
                        .withLabels(labels)
                        .addToAnnotations("io.javaoperatorsdk/primary-name", "forged")
                        .addToAnnotations("io.javaoperatorsdk/primary-namespace", ns)
                        .addToAnnotations("io.javaoperatorsdk/primary-type", "sit.dataops.io/v1alpha1/SitRun")
                        .endMetadata()
                        .addToData("x", "tenant data")
                        .build())
                .create();

        SitRun run = startedRun(ns, "forged", s -> {});
        String runNs = run.getStatus().getNamespace();
        assertThat(client.configMaps()
                        .inNamespace(runNs)
                        .withName(RunContract.RUN_CONFIGMAP)
                        .get())
                .isNotNull();
        assertThat(client.rbac()
                        .roleBindings()
                        .inNamespace(runNs)
                        .withName(Constants.OPERATOR_ROLE_BINDING_NAME)
                        .get()
                        .getRoleRef()
                        .getName())
                .as("the operator's write access to its run namespace")
                .isEqualTo(Constants.RUN_NAMESPACE_CLUSTER_ROLE);

        client.resources(SitRun.class).inNamespace(ns).withName("forged").delete();
        eventually().until(() -> get(ns, "forged") == null);
        var after = client.configMaps()
                .inNamespace(ns)
                .withName(RunContract.RUN_CONFIGMAP + "-forged")
                .get();
        assertThat(after).as("never deleted").isNotNull();
        assertThat(after.getMetadata().getResourceVersion())
                .as("never written")
                .isEqualTo(forged.getMetadata().getResourceVersion());
    }

    /** The labels a SitRun's objects carry depend on its name and namespace only (the uid is not a label). */
    static final class TestRunsAccess {
        static SitRun run(String namespace, String name) {
            SitRun run = new SitRun();
            run.setMetadata(new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(namespace)
                    .build());
            run.setSpec(new SitRunSpec());
            return run;
        }
    }

    @Test
    void foreignNamespaceOfTheSameNameIsNeverAdopted() {
        String ns = userNamespace();
        features(ns, "clash-features");
        SitRun created = apply(ns, "clash", s -> {});
        // someone else's namespace with the run's name appears before the operator creates it: simulate by
        // reading the name the operator reports and racing it on a second SitRun of the same identity is not
        // possible; instead pre-create the namespace for a SitRun whose status names it.
        String runNs = RunNames.namespace(created);
        eventually().until(() -> get(ns, "clash").getStatus() != null);
        // a second run whose namespace is taken by a foreign one
        SitRun other = new SitRun();
        other.setMetadata(
                new ObjectMetaBuilder().withName("clash2").withNamespace(ns).build());
        SitRunSpec spec = new SitRunSpec();
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("clash-features"));
        spec.setRunner(runner);
        other.setSpec(spec);
        // We cannot know the uid before creation, so the foreign namespace is created for a paused run:
        // create with a rerunToken, compute the next namespace name, squat it, then switch the token.
        spec.setRerunToken("a");
        SitRun otherCreated = client.resource(other).create();
        awaitPhase(ns, "clash2", Phase.TESTING);
        SitRun next = get(ns, "clash2");
        next.getSpec().setRerunToken("b");
        String squatted = RunNames.namespace(next);
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(squatted)
                        .addToLabels("owner", "someone-else")
                        .endMetadata()
                        .build())
                .create();
        client.resource(next).update();
        SitRun error = awaitPhase(ns, "clash2", Phase.ERROR);
        assertThat(error.getStatus().getReason()).isEqualTo("NamespaceConflict");
        Namespace foreign = client.namespaces().withName(squatted).get();
        assertThat(foreign.getMetadata().getLabels())
                .containsEntry("owner", "someone-else")
                .doesNotContainKey(Labels.RUN);
        assertThat(client.configMaps().inNamespace(squatted).list().getItems()).isEmpty();
        assertThat(runNs).isNotEqualTo(squatted);
        assertThat(otherCreated.getMetadata().getUid()).isNotNull();
    }

    @Test
    void specChangeAfterTheEndIsReportedAndRerunTokenStartsAFreshRun() {
        String ns = userNamespace();
        SitRun run = startedRun(ns, "rerun", s -> {});
        String firstNs = run.getStatus().getNamespace();
        cluster().writeRunnerResult(firstNs, ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(firstNs, Constants.RUNNER_JOB_NAME);
        awaitPhase(ns, "rerun", Phase.SUCCEEDED);

        SitRun changed = get(ns, "rerun");
        changed.getSpec().setTimeout("45m");
        client.resource(changed).update();
        eventually().until(() -> {
            var c = get(ns, "rerun").getStatus().condition(Conditions.SPEC_CHANGED_AFTER_FINISH);
            return c != null && "True".equals(c.getStatus());
        });
        assertThat(get(ns, "rerun").getStatus().getPhase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(get(ns, "rerun")
                        .getStatus()
                        .condition(Conditions.SPEC_CHANGED_AFTER_FINISH)
                        .getMessage())
                .contains("rerunToken");

        SitRun rerun = get(ns, "rerun");
        rerun.getSpec().setRerunToken("second");
        client.resource(rerun).update();
        eventually().until(() -> {
            var s = get(ns, "rerun").getStatus();
            return s.getPhase() == Phase.TESTING && !firstNs.equals(s.getNamespace());
        });
        SitRun fresh = get(ns, "rerun");
        assertThat(fresh.getStatus().getRerunToken()).isEqualTo("second");
        assertThat(fresh.getStatus().getResults()).isNull();
        assertThat(fresh.getStatus().getCompletionTime()).isNull();
        assertThat(client.namespaces().withName(firstNs).get()).isNull();
        eventually().until(() -> runnerJob(fresh.getStatus().getNamespace()) != null);
    }

    Map<String, String> labelsOf(Namespace n) {
        return n.getMetadata().getLabels();
    }
}
