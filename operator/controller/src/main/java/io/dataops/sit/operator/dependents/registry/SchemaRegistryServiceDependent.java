package io.dataops.sit.operator.dependents.registry;

import static io.dataops.sit.operator.Constants.COMPONENT_SCHEMA_REGISTRY;
import static io.dataops.sit.operator.Constants.SCHEMA_REGISTRY_SELECTOR;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunScoped;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Map;

/**
 * The Service {@link SchemaRegistry#NAME}:{@link SchemaRegistry#PORT} in front of the run's Schema Registry, the host
 * of SCHEMA_REGISTRY_URL; only the API port (health stays on the pod's management port, for its probe).
 *
 * <p>Workflow (for the reconciler): dependsOn the operator's access; no readyPostcondition. Informer: Services with
 * component=schema-registry.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = SCHEMA_REGISTRY_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class SchemaRegistryServiceDependent extends RunBulkDependent<Service> implements BulkUpdater<Service, SitRun> {

    public SchemaRegistryServiceDependent() {
        super(Service.class, COMPONENT_SCHEMA_REGISTRY);
    }

    public static String getName() {
        return SchemaRegistry.NAME;
    }

    @Override
    public Map<String, Service> desiredByEntry(SitRun primary, Context<SitRun> context) {
        return primary.getSpec().schemaRegistryEnabled() ? Map.of(SchemaRegistry.NAME, desired(primary)) : Map.of();
    }

    public static Service desired(SitRun run) {
        return new ServiceBuilder()
                .withMetadata(RunScoped.metadata(run, getName(), COMPONENT_SCHEMA_REGISTRY, SchemaRegistry.NAME))
                .withNewSpec()
                .withSelector(selectorLabels(run, COMPONENT_SCHEMA_REGISTRY, SchemaRegistry.NAME))
                .addNewPort()
                .withName("http")
                .withPort(SchemaRegistry.PORT)
                .withNewTargetPort(SchemaRegistry.PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    /** A Service has no readiness of its own: it is ready once it exists. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String entry) {
        return actual(primary, context, getName()).isPresent();
    }
}
