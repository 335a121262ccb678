package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.Constants.MANAGED_SELECTOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.operator.SitRunReconciler;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaServiceDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaStatefulSetDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaTopicsJobDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaNodePoolDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaTopicDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresServiceDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.dependents.systems.SystemServiceDependent;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two informers of one type without distinct selectors would see each other's objects and fight; every informer
 * selects on the operator's labels and drops objects outside run namespaces; no informer caches Secrets.
 */
class InformerSelectorsTest {

    /** Every dependent of the SitRun workflow. */
    static List<Class<?>> workflowDependents() {
        var workflow = SitRunReconciler.class.getAnnotation(Workflow.class);
        return Arrays.stream(workflow.dependents()).<Class<?>>map(d -> d.type()).toList();
    }

    @Test
    void everyWorkflowInformerSelectsManagedObjectsAndDropsObjectsOutsideRunNamespaces() {
        for (Class<?> type : workflowDependents()) {
            KubernetesDependent config = type.getAnnotation(KubernetesDependent.class);
            if (config == null) {
                assertThat(KubernetesDependentResource.class.isAssignableFrom(type))
                        .as(type.getSimpleName() + " has an informer but no @KubernetesDependent")
                        .isFalse();
                continue;
            }
            assertThat(config.informer().labelSelector())
                    .as(type.getSimpleName())
                    .startsWith(MANAGED_SELECTOR + ",");
            assertThat(config.informer().genericFilter())
                    .as(type.getSimpleName())
                    .isEqualTo(RunNamespaceFilter.class);
        }
    }

    @Test
    void noInformerCachesSecrets() {
        for (Class<?> type : workflowDependents()) {
            if (KubernetesDependentResource.class.isAssignableFrom(type)) {
                var resourceType = KubernetesDependentResource.class
                        .cast(newInstance(type))
                        .resourceType();
                assertThat(resourceType).as(type.getSimpleName()).isNotEqualTo(Secret.class);
            }
        }
    }

    private static Object newInstance(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " needs a no-argument constructor", e);
        }
    }

    static final List<RunBulkDependent<?>> ALL = List.of(
            new BuiltinKafkaStatefulSetDependent(),
            new BuiltinKafkaServiceDependent(),
            new BuiltinKafkaTopicsJobDependent(),
            new StrimziKafkaDependent(),
            new StrimziKafkaNodePoolDependent(),
            new StrimziKafkaTopicDependent(),
            new PostgresStatefulSetDependent(),
            new PostgresServiceDependent(),
            new SeedJobDependent(),
            new SystemDeploymentDependent(),
            new SystemServiceDependent());

    @Test
    void everyInformerSelectsManagedObjectsOfItsComponentInEveryNamespace() {
        for (RunBulkDependent<?> d : ALL) {
            KubernetesDependent config = d.getClass().getAnnotation(KubernetesDependent.class);
            assertThat(config).as(d.getClass().getSimpleName()).isNotNull();
            assertThat(config.informer().labelSelector())
                    .isEqualTo("app.kubernetes.io/managed-by=sit-operator,sit.dataops.io/component=" + d.component());
            assertThat(config.informer().namespaces()).containsExactly(Constants.WATCH_ALL_NAMESPACES);
        }
    }

    @Test
    void dependentsOfTheSameTypeHaveDistinctSelectors() {
        Map<Class<?>, Set<String>> selectorsByType = new HashMap<>();
        for (RunBulkDependent<?> d : ALL) {
            String selector = d.getClass()
                    .getAnnotation(KubernetesDependent.class)
                    .informer()
                    .labelSelector();
            boolean added = selectorsByType
                    .computeIfAbsent(d.resourceType(), t -> new HashSet<>())
                    .add(selector);
            assertThat(added)
                    .as(d.getClass().getSimpleName() + " shares a selector on "
                            + d.resourceType().getSimpleName())
                    .isTrue();
        }
    }
}
