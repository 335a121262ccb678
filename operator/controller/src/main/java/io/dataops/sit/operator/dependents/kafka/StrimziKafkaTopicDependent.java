package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.Constants.BROKER_SELECTOR;
import static io.dataops.sit.operator.Constants.COMPONENT_BROKER;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunScoped;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code KafkaTopic} per topic of each Strimzi broker, labelled {@code strimzi.io/cluster} for the topic
 * operator. Topic names may hold '_' and capitals, object names may not, so the object name is derived
 * ({@link #getName}) and the real name is {@code spec.topicName}. Bulk key: the object name.
 *
 * <p>Workflow (for the reconciler): activationCondition {@link StrimziActivation}; dependsOn
 * {@link StrimziKafkaDependent} (+ its Ready postcondition: the topic operator runs once the cluster is up);
 * readyPostcondition {@link io.dataops.sit.operator.dependents.EntriesReadyCondition} with {@link #isReady} (every topic Ready=True for its generation).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = BROKER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class StrimziKafkaTopicDependent extends RunBulkDependent<KafkaTopic>
        implements BulkUpdater<KafkaTopic, SitRun> {

    static final int MAX_NAME = 253;

    public StrimziKafkaTopicDependent() {
        super(KafkaTopic.class, COMPONENT_BROKER);
    }

    /** {@code <broker>-<topic>} in DNS-subdomain form; a hash suffix keeps it unique when characters had to change. */
    public static String getName(String broker, String topic) {
        String clean = topic.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]", "-")
                .replaceAll("^[^a-z0-9]+", "")
                .replaceAll("[^a-z0-9]+$", "");
        String base = broker + "-" + clean;
        if (clean.equals(topic) && base.length() <= MAX_NAME) {
            return base;
        }
        String suffix = "-" + shortHash(topic);
        if (base.length() + suffix.length() > MAX_NAME) {
            base = base.substring(0, MAX_NAME - suffix.length()).replaceAll("[^a-z0-9]+$", "");
        }
        return base + suffix;
    }

    @Override
    public Map<String, KafkaTopic> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Map<String, KafkaTopic> desired = new LinkedHashMap<>();
        for (BrokerSpec broker : StrimziKafkaDependent.strimziBrokers(primary, StrimziSupport.of(primary, context))) {
            for (TopicSpec topic : broker.getKafka().getTopics()) {
                KafkaTopic t = desired(primary, broker, topic);
                desired.put(t.getMetadata().getName(), t);
            }
        }
        return desired;
    }

    public static KafkaTopic desired(SitRun run, BrokerSpec broker, TopicSpec topic) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (topic.getConfig() != null) {
            config.putAll(topic.getConfig());
        }
        KafkaTopic kafkaTopic = new KafkaTopicBuilder()
                .withMetadata(RunScoped.metadata(
                        run, getName(broker.getName(), topic.getName()), COMPONENT_BROKER, broker.getName()))
                .withNewSpec()
                .withTopicName(topic.getName())
                .withPartitions(topic.partitionsOrDefault())
                .withReplicas(topic.replicationFactorOrDefault())
                .withConfig(config.isEmpty() ? null : config)
                .endSpec()
                .build();
        kafkaTopic
                .getMetadata()
                .getLabels()
                .put(StrimziKafkaDependent.CLUSTER_LABEL, StrimziKafkaDependent.getName(broker.getName()));
        return kafkaTopic;
    }

    public static boolean isReady(KafkaTopic topic) {
        return topic != null && StrimziKafkaDependent.isReady(topic, topic.getStatus());
    }

    /** Readiness is per broker (all its topics), while the desired objects are keyed per topic. */
    @Override
    public Collection<String> readinessEntries(SitRun primary, Context<SitRun> context) {
        return StrimziKafkaDependent.strimziBrokers(primary, StrimziSupport.of(primary, context)).stream()
                .map(BrokerSpec::getName)
                .toList();
    }

    /** Whether every topic of this broker is Ready; for the status aggregator. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String broker) {
        Optional<BrokerSpec> spec = primary.getSpec().getBrokers().stream()
                .filter(b -> b.getName().equals(broker))
                .findFirst();
        if (spec.isEmpty()) {
            return false;
        }
        Map<String, KafkaTopic> actual = actualByName(primary, context);
        return spec.get().getKafka().getTopics().stream()
                .allMatch(t -> isReady(actual.get(getName(broker, t.getName()))));
    }

    static String shortHash(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
