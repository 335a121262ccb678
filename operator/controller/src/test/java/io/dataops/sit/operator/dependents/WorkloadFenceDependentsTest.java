package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.OperatorSettings.WorkloadFence;
import io.dataops.sit.operator.fence.ReferenceBounds;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, what the run's own objects grant: the runner's Role, service-account tokens, the run namespace's
 * labels, and the size of what is copied.
 */
@EnableKubernetesMockClient(crud = true)
class WorkloadFenceDependentsTest {

    KubernetesClient client;

    static SitRun runWithSystems(String... systems) {
        SitRun run = run("orders");
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        run.getSpec().setRunner(runner);
        run.getSpec().setSystems(Arrays.stream(systems).map(s -> system(s)).toList());
        return run;
    }

    @Test
    void runnerRoleIsPinnedToTheResultsTheReportsAndTheRunsOwnSystems() {
        Role role = RunnerRoleDependent.desired(runWithSystems("product-2", "product-1"));
        List<String> rules = role.getRules().stream()
                .map(WorkloadFenceDependentsTest::describe)
                .toList();
        assertThat(rules)
                .containsExactly(
                        "/configmaps [sit-results, sit-reports] get,update,patch",
                        "apps/deployments [product-1, product-2] get",
                        "apps/deployments/scale [product-1, product-2] get,patch,update");
        // The findings of issue 8: nothing creates Jobs (or any pod), nothing changes a Deployment's template.
        assertThat(role.getRules())
                .noneMatch(r -> r.getResources().contains("jobs")
                        || r.getVerbs().contains("create")
                        || r.getVerbs().contains("list")
                        || r.getVerbs().contains("watch")
                        || r.getResources().contains("deployments")
                                && r.getVerbs().contains("patch"));
        assertThat(role.getRules())
                .allSatisfy(r -> assertThat(r.getResourceNames()).isNotEmpty());
    }

    @Test
    void withoutTheFaultsOptInTheRunnerGetsNoStatefulSetRule() {
        SitRun run = runWithSystems("worker");
        run.getSpec().setBrokers(List.of(TestRuns.broker("events", KafkaProvider.BUILTIN)));
        run.getSpec().setDatabases(List.of(database("warehouse")));
        assertThat(RunnerRoleDependent.desired(run).getRules())
                .noneMatch(r -> r.getResources().stream().anyMatch(k -> k.startsWith("statefulsets")));

        run.getSpec().getRunner().setFaults(true);
        assertThat(RunnerRoleDependent.desired(run).getRules())
                .map(WorkloadFenceDependentsTest::describe)
                .contains(
                        "apps/statefulsets [events-kafka] get",
                        "apps/statefulsets/scale [events-kafka] get,patch,update");
    }

    @Test
    void withoutSystemsTheRunnerGetsNoDeploymentRuleAtAll() {
        // A rule with no resourceNames would match every Deployment of the namespace.
        Role role = RunnerRoleDependent.desired(runWithSystems());
        assertThat(role.getRules())
                .singleElement()
                .satisfies(r -> assertThat(r.getResourceNames())
                        .containsExactly(RunContract.RESULTS_CONFIGMAP, RunContract.REPORTS_CONFIGMAP));
    }

    @Test
    void onlyTheRunnerAndSeedPodsGetAServiceAccountToken() {
        Map<String, PodSpec> pods = PodSecurityTest.podTemplates(PodSecurityTest.fullRun());
        assertThat(pods).hasSize(6);
        pods.forEach((owner, pod) -> {
            boolean needsApi = owner.equals("Job/sit-runner") || owner.equals("Job/warehouse-seed");
            assertThat(pod.getAutomountServiceAccountToken()).as(owner).isEqualTo(needsApi);
            assertThat(pod.getServiceAccountName())
                    .as(owner)
                    .isEqualTo(needsApi ? RunContract.RUNNER_SERVICE_ACCOUNT : null);
        });
    }

    @Test
    void adminListedLabelsOfTheSitRunsNamespaceAreCopiedButNeverOverrideTheFence() {
        SitRun run = runWithSystems();
        Namespace tenant = new NamespaceBuilder()
                .withNewMetadata()
                .withName("team-a")
                .addToLabels("tenant", "a")
                .addToLabels("cost-center", "42")
                .addToLabels("unlisted", "x")
                .addToLabels("pod-security.kubernetes.io/enforce", "privileged")
                .addToLabels("app.kubernetes.io/managed-by", "someone-else")
                .endMetadata()
                .build();
        // Reserved keys cannot even be configured; this list simulates one that slipped through anyway.
        OperatorSettings settings = OperatorSettings.defaults()
                .withWorkloadFence(new WorkloadFence(
                        List.of(),
                        List.of(
                                "tenant",
                                "cost-center",
                                "pod-security.kubernetes.io/enforce",
                                "app.kubernetes.io/managed-by"),
                        1024,
                        1));

        Map<String, String> labels = RunNamespaceDependent.desired(run, settings, tenant)
                .getMetadata()
                .getLabels();

        assertThat(labels)
                .containsEntry("tenant", "a")
                .containsEntry("cost-center", "42")
                .doesNotContainKey("unlisted")
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("app.kubernetes.io/managed-by", "sit-operator");
        assertThat(RunNamespaceDependent.isOwnedBy(RunNamespaceDependent.desired(run, settings, tenant), run))
                .isTrue();
    }

    @Test
    void copiedLabelKeysAreCheckedWhenTheOperatorStarts() {
        assertThat(WorkloadFence.copyLabels("tenant, example.com/cost-center ,"))
                .containsExactly("tenant", "example.com/cost-center");
        for (String reserved : List.of(
                "pod-security.kubernetes.io/enforce",
                "sit.dataops.io/run",
                "app.kubernetes.io/managed-by",
                "kubernetes.io/metadata.name",
                "not a key")) {
            assertThatThrownBy(() -> WorkloadFence.copyLabels(reserved))
                    .as(reserved)
                    .hasMessageContaining("sit.namespace.copy-labels");
        }
    }

    @Test
    void referencedConfigMapsLargerTogetherThanTheCapAreRefusedBeforeAnyCopy() {
        SitRun run = runWithSystems();
        run.getSpec().setDatabases(List.of(database("warehouse")));
        // Each under Kubernetes' own 1 MiB limit, together over the default cap of 1 MiB per run.
        String big = "x".repeat(600 * 1024);
        for (String name : List.of("features", "orders-golden-v3", "currencies")) {
            client.configMaps()
                    .inNamespace("team-a")
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .addToData("a", name.equals("currencies") ? "code\n" : big)
                            .build())
                    .create();
        }
        var dependent = new ConfigMapCopiesDependent();
        var context = new FakeContext(run).withClient(client);

        assertThatThrownBy(() -> dependent.desiredResources(run, context))
                .isInstanceOfSatisfying(RunInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RunReason.REFERENCES_TOO_LARGE.value());
                    assertThat(e.getMessage())
                            .contains(
                                    "sit.references.max-bytes",
                                    "features=614401",
                                    "orders-golden-v3=614401",
                                    "currencies=6");
                });
    }

    @Test
    void referencedConfigMapsWithinTheCapAreCopied() {
        SitRun run = runWithSystems();
        client.configMaps()
                .inNamespace("team-a")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("features")
                        .endMetadata()
                        .addToData("orders.feature", "Feature: orders\n")
                        .build())
                .create();
        assertThat(new ConfigMapCopiesDependent().desiredResources(run, new FakeContext(run).withClient(client)))
                .hasSize(1);
    }

    @Test
    void sizeCountsKeysValuesAndDecodedBinaryData() {
        var cm = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("f")
                .endMetadata()
                .addToData("k", "é")
                .addToBinaryData("b", "AAAA")
                .build();
        // "k" 1 + "é" 2 (UTF-8) + "b" 1 + 3 decoded bytes
        assertThat(ReferenceBounds.sizeOf(cm)).isEqualTo(7);
    }

    @Test
    void tooManyDistinctConfigMapsAreRefusedBeforeAnythingIsCreated() {
        SitRun run = runWithSystems();
        run.getSpec().setDatabases(List.of(database("warehouse")));
        OperatorSettings two =
                OperatorSettings.defaults().withWorkloadFence(new WorkloadFence(List.of(), List.of(), 1024, 2));
        // features, orders-golden-v3, currencies: three distinct ConfigMaps (orders-golden-v3 twice counts once).
        assertThat(ReferenceBounds.checkCount(run, two).reason()).isEqualTo(RunReason.TOO_MANY_REFERENCES.value());
        assertThat(ReferenceBounds.checkCount(run, two).message()).contains("3 distinct ConfigMaps", "at most 2");
        assertThat(ReferenceBounds.checkCount(run, OperatorSettings.defaults())).isNull();
    }

    private static String describe(PolicyRule r) {
        return String.join(",", r.getApiGroups()) + "/" + String.join(",", r.getResources()) + " "
                + r.getResourceNames() + " " + String.join(",", r.getVerbs());
    }
}
