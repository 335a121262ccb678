package io.dataops.sit.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects carrying the operator's labels outside a run namespace (a tenant's forgery) never reach the reconciler. */
class RunNamespaceFilterTest {

    private final RunNamespaceFilter filter = new RunNamespaceFilter();
    private final SitRun run = TestRuns.run("orders");

    @Test
    void acceptsWhatTheOperatorCreatesForARun() {
        var copy = new ConfigMapBuilder()
                .withMetadata(RunScoped.metadata(run, "orders-golden", Constants.COMPONENT_CONFIGMAP_COPY))
                .build();
        Namespace namespace = new RunNamespaceDependent().desired(run, new FakeContext(run));

        assertThat(filter.accept(copy)).isTrue();
        assertThat(filter.accept(namespace)).isTrue();
    }

    @Test
    void refusesAnObjectWithTheOperatorsLabelsInATenantNamespace() {
        var forged = new ConfigMapBuilder()
                .withMetadata(RunScoped.metadata(run, "orders-golden", Constants.COMPONENT_CONFIGMAP_COPY))
                .build();
        forged.getMetadata().setNamespace("team-a");
        assertThat(filter.accept(forged)).isFalse();

        // Even naming its own namespace in part-of does not help: team-a is not shaped like a run namespace.
        forged.getMetadata().getLabels().put(Labels.PART_OF, "team-a");
        assertThat(filter.accept(forged)).isFalse();
    }

    @Test
    void refusesAnObjectInAnotherRunsNamespaceOrWithoutTheManagedByLabel() {
        var elsewhere = new ConfigMapBuilder()
                .withMetadata(RunScoped.metadata(run, "x", Constants.COMPONENT_RUN_SPEC))
                .build();
        elsewhere.getMetadata().setNamespace(RunNames.namespace(TestRuns.run("other")));
        assertThat(filter.accept(elsewhere))
                .as("part-of names another namespace")
                .isFalse();

        var unmanaged = new ConfigMapBuilder()
                .withMetadata(RunScoped.metadata(run, "x", Constants.COMPONENT_RUN_SPEC))
                .build();
        unmanaged.getMetadata().getLabels().remove(Labels.MANAGED_BY);
        assertThat(filter.accept(unmanaged)).isFalse();
    }

    @Test
    void refusesANamespaceNotShapedLikeARunNamespace() {
        Map<String, String> labels = new HashMap<>(RunNames.labels(run, Constants.COMPONENT_NAMESPACE));
        labels.put(Labels.PART_OF, "team-a");
        Namespace tenant = new NamespaceBuilder()
                .withNewMetadata()
                .withName("team-a")
                .withLabels(labels)
                .endMetadata()
                .build();
        assertThat(filter.accept(tenant)).isFalse();
        assertThat(RunNamespaceFilter.isRunNamespaceName(RunNames.namespace(run)))
                .isTrue();
        assertThat(RunNamespaceFilter.isRunNamespaceName("kube-system")).isFalse();
    }
}
