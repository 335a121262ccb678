package io.dataops.sit.operator.dependents.systems;

import static io.dataops.sit.operator.Constants.COMPONENT_SYSTEM;
import static io.dataops.sit.operator.Constants.SYSTEM_SELECTOR;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.SystemPort;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunScoped;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Service named after each system that declares ports (systems without ports get none).
 *
 * <p>Workflow (for the reconciler): no dependsOn beyond the run namespace; no readyPostcondition. Informer:
 * Services with component=system.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = SYSTEM_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class SystemServiceDependent extends RunBulkDependent<Service> implements BulkUpdater<Service, SitRun> {

    public SystemServiceDependent() {
        super(Service.class, COMPONENT_SYSTEM);
    }

    public static String getName(String system) {
        return system;
    }

    @Override
    public Map<String, Service> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Map<String, Service> desired = new LinkedHashMap<>();
        for (SystemSpec system : primary.getSpec().getSystems()) {
            if (!system.getPorts().isEmpty()) {
                desired.put(system.getName(), desired(primary, system));
            }
        }
        return desired;
    }

    public static Service desired(SitRun run, SystemSpec system) {
        List<ServicePort> ports = system.getPorts().stream()
                .map((SystemPort p) -> new ServicePortBuilder()
                        .withName(p.nameOrDefault())
                        .withPort(p.getPort())
                        .withNewTargetPort(p.getPort())
                        .withProtocol("TCP")
                        .build())
                .toList();
        return new ServiceBuilder()
                .withMetadata(RunScoped.metadata(run, getName(system.getName()), COMPONENT_SYSTEM, system.getName()))
                .withNewSpec()
                .withSelector(selectorLabels(run, COMPONENT_SYSTEM, system.getName()))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    /** A Service has no readiness of its own: it is ready once it exists. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String entry) {
        return actual(primary, context, getName(entry)).isPresent();
    }
}
