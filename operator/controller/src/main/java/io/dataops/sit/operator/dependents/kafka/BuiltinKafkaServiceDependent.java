package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.Constants.BROKER_SELECTOR;
import static io.dataops.sit.operator.Constants.COMPONENT_BROKER;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Service in front of each builtin broker; its DNS name is the broker's advertised listener.
 *
 * <p>Workflow (for the reconciler): no dependsOn beyond the run namespace; no readyPostcondition (a Service
 * is usable once created); no activation condition (with no builtin broker the desired set is empty, and a per-run activation
 * condition would stop and restart the shared informer). Informer: Services with
 * component=broker (the PostgreSQL and system Services have their own components).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = BROKER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class BuiltinKafkaServiceDependent extends RunBulkDependent<Service> implements BulkUpdater<Service, SitRun> {

    public BuiltinKafkaServiceDependent() {
        super(Service.class, COMPONENT_BROKER);
    }

    public static String getName(String broker) {
        return broker + "-kafka";
    }

    @Override
    public Map<String, Service> desiredByEntry(SitRun primary, Context<SitRun> context) {
        StrimziSupport strimzi = StrimziSupport.of(primary, context);
        Map<String, Service> desired = new LinkedHashMap<>();
        for (BrokerSpec broker : BuiltinKafkaStatefulSetDependent.builtinBrokers(primary, strimzi)) {
            desired.put(broker.getName(), desired(primary, broker));
        }
        return desired;
    }

    public static Service desired(SitRun run, BrokerSpec broker) {
        String name = getName(broker.getName());
        return new ServiceBuilder()
                .withMetadata(RunScoped.metadata(run, name, COMPONENT_BROKER, broker.getName()))
                .withNewSpec()
                // Headless: one broker pod needs no virtual IP, and allocating 200 of them was the slowest API
                // call of a 200-run benchmark. Not-ready addresses are published so the broker's advertised
                // name resolves while it starts.
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(selectorLabels(run, COMPONENT_BROKER, broker.getName()))
                .addNewPort()
                .withName("kafka")
                .withPort(KafkaAddresses.PORT)
                .withNewTargetPort(KafkaAddresses.PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    /** A Service has no readiness of its own: it is ready once it exists. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String entry) {
        return actual(primary, context, getName(entry)).isPresent();
    }
}
