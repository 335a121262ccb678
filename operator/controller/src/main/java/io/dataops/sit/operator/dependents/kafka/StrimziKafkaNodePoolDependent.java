package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.Constants.BROKER_SELECTOR;
import static io.dataops.sit.operator.Constants.COMPONENT_BROKER;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunScoped;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.strimzi.api.kafka.model.kafka.EphemeralStorage;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePoolBuilder;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePoolTemplate;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The KRaft nodes (combined broker + controller, ephemeral storage) of each Strimzi Kafka; tied to its
 * cluster by the {@code strimzi.io/cluster} label.
 *
 * <p>Workflow (for the reconciler): activationCondition {@link StrimziActivation}; no readyPostcondition
 * (the Kafka's Ready condition covers its nodes); no dependsOn needed (Strimzi waits for both objects).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = BROKER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class StrimziKafkaNodePoolDependent extends RunBulkDependent<KafkaNodePool>
        implements BulkUpdater<KafkaNodePool, SitRun> {

    public StrimziKafkaNodePoolDependent() {
        super(KafkaNodePool.class, COMPONENT_BROKER);
    }

    /** Pods are named {@code <cluster>-<pool>-<id>}: events-events-pool-0. */
    public static String getName(String broker) {
        return broker + "-pool";
    }

    @Override
    public Map<String, KafkaNodePool> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Placement placement = Placement.of(primary, RunSettings.of(context).operator());
        Map<String, KafkaNodePool> desired = new LinkedHashMap<>();
        for (BrokerSpec broker : StrimziKafkaDependent.strimziBrokers(primary, StrimziSupport.of(primary, context))) {
            desired.put(broker.getName(), desired(primary, broker, placement));
        }
        return desired;
    }

    /** As {@link #desired(SitRun, BrokerSpec, Placement)} for an operator without sit.placement.* (tests). */
    public static KafkaNodePool desired(SitRun run, BrokerSpec broker) {
        return desired(run, broker, Placement.of(run, OperatorSettings.defaults()));
    }

    public static KafkaNodePool desired(SitRun run, BrokerSpec broker, Placement placement) {
        KafkaNodePool pool = new KafkaNodePoolBuilder()
                .withMetadata(RunScoped.metadata(run, getName(broker.getName()), COMPONENT_BROKER, broker.getName()))
                .withNewSpec()
                .withReplicas(broker.getKafka().replicasOrDefault())
                .withRoles(ProcessRoles.CONTROLLER, ProcessRoles.BROKER)
                .withStorage(new EphemeralStorage())
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("100m"))
                        .addToRequests("memory", new Quantity("768Mi"))
                        .addToLimits("memory", new Quantity("1Gi"))
                        .build())
                .endSpec()
                .build();
        pool.getMetadata()
                .getLabels()
                .put(StrimziKafkaDependent.CLUSTER_LABEL, StrimziKafkaDependent.getName(broker.getName()));
        var template = new KafkaNodePoolTemplate();
        template.setPod(StrimziPods.brokerPod(placement));
        template.setKafkaContainer(StrimziPods.container());
        template.setInitContainer(StrimziPods.container());
        pool.getSpec().setTemplate(template);
        return pool;
    }

    /** A node pool (Strimzi reports readiness on the Kafka) has no readiness of its own: it is ready once it exists. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String entry) {
        return actual(primary, context, getName(entry)).isPresent();
    }
}
