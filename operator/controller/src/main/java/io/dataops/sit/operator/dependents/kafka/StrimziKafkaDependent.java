package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.Constants.BROKER_SELECTOR;
import static io.dataops.sit.operator.Constants.COMPONENT_BROKER;
import static io.dataops.sit.operator.Constants.LABEL_API_ACCESS;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunScoped;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaBuilder;
import io.strimzi.api.kafka.model.kafka.Status;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListenerBuilder;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Strimzi {@code Kafka} (kafka.strimzi.io/v1, KRaft, node pools) per broker resolved to Strimzi; its nodes
 * come from {@link StrimziKafkaNodePoolDependent}, its topics from {@link StrimziKafkaTopicDependent} (hence the topic operator).
 *
 * <p>Workflow (for the reconciler): dependsOn the run namespace; activationCondition {@link StrimziActivation}
 * (mandatory: without it JOSDK would start an informer on a type the API server may not serve);
 * readyPostcondition {@link io.dataops.sit.operator.dependents.EntriesReadyCondition} with {@link #isReady} (Ready=True and status.observedGeneration == metadata.generation).
 * Bootstrap for status: {@link KafkaAddresses#strimziBootstrapServers}.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = BROKER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class StrimziKafkaDependent extends RunBulkDependent<Kafka> implements BulkUpdater<Kafka, SitRun> {

    public static final String NODE_POOLS_ANNOTATION = "strimzi.io/node-pools";
    public static final String KRAFT_ANNOTATION = "strimzi.io/kraft";
    public static final String CLUSTER_LABEL = "strimzi.io/cluster";

    public StrimziKafkaDependent() {
        super(Kafka.class, COMPONENT_BROKER);
    }

    /** The Kafka cluster is named after the broker, so Strimzi's own names read naturally (events-kafka-bootstrap). */
    public static String getName(String broker) {
        return broker;
    }

    public static String bootstrapServiceName(String broker) {
        return getName(broker) + "-kafka-bootstrap";
    }

    public static List<BrokerSpec> strimziBrokers(SitRun run, StrimziSupport strimzi) {
        return run.getSpec().getBrokers().stream()
                .filter(b -> KafkaProviderResolver.resolve(run, b, strimzi).is(KafkaBackend.STRIMZI))
                .toList();
    }

    @Override
    public Map<String, Kafka> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Placement placement = Placement.of(primary, RunSettings.of(context).operator());
        Map<String, Kafka> desired = new LinkedHashMap<>();
        for (BrokerSpec broker : strimziBrokers(primary, StrimziSupport.of(primary, context))) {
            desired.put(broker.getName(), desired(primary, broker, placement));
        }
        return desired;
    }

    /** As {@link #desired(SitRun, BrokerSpec, Placement)} for an operator without sit.placement.* (tests). */
    public static Kafka desired(SitRun run, BrokerSpec broker) {
        return desired(run, broker, Placement.of(run, OperatorSettings.defaults()));
    }

    public static Kafka desired(SitRun run, BrokerSpec broker, Placement placement) {
        int replicas = broker.getKafka().replicasOrDefault();
        // Internal topics cannot have more replicas than nodes; 3 is Kafka's usual value when there are enough.
        String internalReplicas = Integer.toString(Math.min(replicas, 3));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("offsets.topic.replication.factor", internalReplicas);
        config.put("transaction.state.log.replication.factor", internalReplicas);
        config.put("transaction.state.log.min.isr", "1");
        config.put("min.insync.replicas", "1");
        Kafka kafka = new KafkaBuilder()
                .withMetadata(RunScoped.metadata(run, getName(broker.getName()), COMPONENT_BROKER, broker.getName()))
                .withNewSpec()
                .withNewKafka()
                // Only a version the user asked for: each Strimzi release supports a few Kafka versions (4.1.0, the
                // builtin default, is gone from Strimzi >= 1.1), and without one Strimzi runs its own default.
                .withVersion(broker.getKafka().getVersion())
                .withListeners(new GenericKafkaListenerBuilder()
                        .withName(KafkaAddresses.PLAIN_LISTENER)
                        .withPort(KafkaAddresses.PORT)
                        .withType(KafkaListenerType.INTERNAL)
                        .withTls(false)
                        .build())
                .withConfig(config)
                .endKafka()
                // The topic operator watches KafkaTopics through the API server: the API-egress policy's label.
                .withNewEntityOperator()
                .withNewTopicOperator()
                .endTopicOperator()
                .withNewTemplate()
                .withNewPod()
                .withNewMetadata()
                .addToLabels(LABEL_API_ACCESS, "true")
                .endMetadata()
                .endPod()
                .endTemplate()
                .endEntityOperator()
                .endSpec()
                .build();
        var eoTemplate = kafka.getSpec().getEntityOperator().getTemplate();
        eoTemplate.setPod(StrimziPods.entityOperatorPod(placement, eoTemplate.getPod()));
        eoTemplate.setTopicOperatorContainer(StrimziPods.container());
        eoTemplate.setUserOperatorContainer(StrimziPods.container());
        // Strimzi >= 1.0 always uses node pools and KRaft; the annotations keep older 0.4x operators on that path too.
        kafka.getMetadata().getAnnotations().put(NODE_POOLS_ANNOTATION, "enabled");
        kafka.getMetadata().getAnnotations().put(KRAFT_ANNOTATION, "enabled");
        return kafka;
    }

    /** Strimzi's readiness: condition Ready=True on a status that reflects the current generation. */
    public static boolean isReady(HasMetadata resource, Status status) {
        if (resource == null || status == null || status.getConditions() == null) {
            return false;
        }
        Long generation = resource.getMetadata().getGeneration();
        if (generation == null || status.getObservedGeneration() != generation) {
            return false;
        }
        return status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equalsIgnoreCase(c.getStatus()));
    }

    public static boolean isReady(Kafka kafka) {
        return kafka != null && isReady(kafka, kafka.getStatus());
    }

    /** The message of a NotReady condition (e.g. a version Strimzi does not support), for the status. */
    public static Optional<String> notReadyMessage(Kafka kafka) {
        if (kafka == null || kafka.getStatus() == null || kafka.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return kafka.getStatus().getConditions().stream()
                .filter(c -> "NotReady".equals(c.getType()) && "True".equalsIgnoreCase(c.getStatus()))
                .map(c -> c.getReason() + ": " + c.getMessage())
                .findFirst();
    }

    /**
     * Reasons of a NotReady condition that no waiting fixes: the spec itself is refused (a Kafka version this
     * Strimzi does not support — each release supports only a few —, an invalid resource).
     */
    static final Set<String> REJECTIONS = Set.of("UnsupportedKafkaVersionException", "InvalidResourceException");

    /** "reason: message" when Strimzi refused the current spec of this Kafka for good. */
    public static Optional<String> rejection(Kafka kafka) {
        if (kafka == null
                || kafka.getStatus() == null
                || kafka.getStatus().getConditions() == null
                || kafka.getMetadata().getGeneration() == null
                || kafka.getStatus().getObservedGeneration()
                        != kafka.getMetadata().getGeneration()) {
            return Optional.empty();
        }
        return kafka.getStatus().getConditions().stream()
                .filter(c -> "NotReady".equals(c.getType())
                        && "True".equalsIgnoreCase(c.getStatus())
                        && REJECTIONS.contains(c.getReason()))
                .map(c -> c.getReason() + ": " + c.getMessage())
                .findFirst();
    }

    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String broker) {
        return actual(primary, context, getName(broker))
                .map(StrimziKafkaDependent::isReady)
                .orElse(false);
    }
}
