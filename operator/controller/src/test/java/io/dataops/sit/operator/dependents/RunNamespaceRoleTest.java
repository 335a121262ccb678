package io.dataops.sit.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RBAC's escalation rule: the operator may create the runner's Role only if it holds every permission in it, in the
 * run namespace. It holds there the cluster-wide {@code sit-operator} role plus {@code sit-operator-run-namespace}
 * (its RoleBinding); this checks the checked-in deploy/operator.yaml against the Role the operator builds, so
 * narrowing or widening the runner's Role without the operator's role fails here, not on a cluster.
 */
class RunNamespaceRoleTest {

    private static final Path INSTALL_MANIFEST =
            Path.of("").toAbsolutePath().getParent().getParent().resolve("deploy/operator.yaml");

    @Test
    void operatorHoldsEveryPermissionOfTheRunnersRoleInTheRunNamespace() throws Exception {
        // every rule the runner's Role can hold: systems, and the fault steps' StatefulSets
        SitRun run = TestRuns.run("orders");
        run.getSpec().setBrokers(List.of(TestRuns.broker("events", KafkaProvider.BUILTIN)));
        run.getSpec().setDatabases(List.of(TestRuns.database("warehouse")));
        run.getSpec().setSystems(List.of(TestRuns.system("worker")));
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        runner.setFaults(true);
        run.getSpec().setRunner(runner);
        Set<String> held = new HashSet<>();
        held.addAll(grants("sit-operator"));
        held.addAll(grants(Constants.RUN_NAMESPACE_CLUSTER_ROLE));

        var runnerRole = new RunnerRoleDependent().desired(run, new FakeContext(run));
        for (PolicyRule rule : runnerRole.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        // A rule without resourceNames in the operator's role covers any resourceNames of the runner's.
                        assertThat(held)
                                .as("the runner's Role grants it, so the operator must hold it")
                                .contains(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
    }

    @Test
    void theOperatorsRoleBindingBindsTheRunNamespaceClusterRoleToItsServiceAccount() {
        SitRun run = TestRuns.run("orders");
        var binding = OperatorRoleBindingDependent.desired(
                run, new OperatorSettings.OperatorIdentity("sit-operator", "sit-system"));

        assertThat(binding.getMetadata().getNamespace()).isEqualTo(RunNames.namespace(run));
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("sit-operator-run-namespace");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("sit-operator");
            assertThat(subject.getNamespace()).isEqualTo("sit-system");
        });
        assertThat(new RunNamespaceFilter().accept(binding))
                .as("its informer sees it")
                .isTrue();
    }

    /** group/resource:verb of the ClusterRole's rules that name no resourceNames. */
    private static Set<String> grants(String clusterRole) throws Exception {
        Set<String> granted = new HashSet<>();
        var yaml = new ObjectMapper(new YAMLFactory());
        try (var parser = yaml.getFactory().createParser(Files.readString(INSTALL_MANIFEST))) {
            var documents = yaml.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null
                        || !"ClusterRole".equals(document.path("kind").asText())
                        || !clusterRole.equals(
                                document.path("metadata").path("name").asText())) {
                    continue;
                }
                for (JsonNode rule : document.path("rules")) {
                    if (rule.has("resourceNames")) {
                        continue;
                    }
                    for (JsonNode group : rule.path("apiGroups")) {
                        for (JsonNode resource : rule.path("resources")) {
                            for (JsonNode verb : rule.path("verbs")) {
                                granted.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
                            }
                        }
                    }
                }
            }
        }
        assertThat(granted)
                .as("ClusterRole " + clusterRole + " in " + INSTALL_MANIFEST)
                .isNotEmpty();
        return granted;
    }
}
