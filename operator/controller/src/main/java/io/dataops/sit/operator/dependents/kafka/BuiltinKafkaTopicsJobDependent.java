package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.Constants.BROKER_SELECTOR;
import static io.dataops.sit.operator.Constants.COMPONENT_BROKER;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.PodSecurity;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunPods;
import io.dataops.sit.operator.dependents.RunScoped;
import io.dataops.sit.operator.observe.JobStates;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates a builtin broker's topics with the image's own {@code kafka-topics.sh --create --if-not-exists}, one
 * Job {@code <broker>-topics} per builtin broker that has topics.
 *
 * <p>Create-only (no Updater): a Job's pod template is immutable, and it never gets a TTL, or the workflow would
 * create it again. Workflow (for the reconciler): dependsOn {@link BuiltinKafkaStatefulSetDependent} (+ its Ready
 * postcondition) and {@link BuiltinKafkaServiceDependent}; readyPostcondition {@link io.dataops.sit.operator.dependents.EntriesReadyCondition} with {@link #isReady} (every topics Job succeeded);
 * a failed Job (failed (JobStates)) is an Error. Informer: Jobs with component=broker (seed Jobs are
 * component=seed, the runner's component=runner).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = BROKER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class BuiltinKafkaTopicsJobDependent extends RunBulkDependent<Job> {

    static final String KAFKA_TOPICS = "/opt/kafka/bin/kafka-topics.sh";
    /** Component label of the Job's pod (the Job itself is component=broker, for the informer). */
    public static final String POD_COMPONENT = "broker-topics";
    /** Retries cover a broker that is listening but not yet serving metadata. */
    static final int BACKOFF_LIMIT = 6;

    public BuiltinKafkaTopicsJobDependent() {
        super(Job.class, COMPONENT_BROKER);
    }

    public static String getName(String broker) {
        return broker + "-topics";
    }

    @Override
    public Map<String, Job> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Placement placement = Placement.of(primary, RunSettings.of(context).operator());
        Map<String, Job> desired = new LinkedHashMap<>();
        for (BrokerSpec broker :
                BuiltinKafkaStatefulSetDependent.builtinBrokers(primary, StrimziSupport.of(primary, context))) {
            if (!broker.getKafka().getTopics().isEmpty()) {
                desired.put(broker.getName(), desired(primary, broker, placement));
            }
        }
        return desired;
    }

    /** As {@link #desired(SitRun, BrokerSpec, Placement)} for an operator without sit.placement.* (tests). */
    public static Job desired(SitRun run, BrokerSpec broker) {
        return desired(run, broker, Placement.of(run, OperatorSettings.defaults()));
    }

    public static Job desired(SitRun run, BrokerSpec broker, Placement placement) {
        String name = getName(broker.getName());
        Job job = new JobBuilder()
                .withMetadata(RunScoped.metadata(run, name, COMPONENT_BROKER, broker.getName()))
                .withNewSpec()
                .withBackoffLimit(BACKOFF_LIMIT)
                .withNewTemplate()
                // Not the broker's pod labels: the broker Service and StatefulSet select on those.
                .withNewMetadata()
                .withLabels(labels(run, POD_COMPONENT, broker.getName()))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("topics")
                .withImage(BuiltinKafkaStatefulSetDependent.image(broker.getKafka()))
                .withCommand(
                        "/bin/sh",
                        "-c",
                        script(
                                KafkaAddresses.bootstrapServers(run, broker.getName(), KafkaBackend.BUILTIN),
                                broker.getKafka().getTopics()))
                .withNewResources()
                .addToRequests("cpu", new Quantity("50m"))
                .addToRequests("memory", new Quantity("256Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        RunPods.finish(placement, job.getSpec().getTemplate().getSpec(), PodSecurity.KAFKA);
        return job;
    }

    /** One kafka-topics.sh call per topic; every user-given word is single-quoted for the shell. */
    static String script(String bootstrap, List<TopicSpec> topics) {
        StringBuilder sh = new StringBuilder("set -e\n");
        for (TopicSpec topic : topics) {
            sh.append(KAFKA_TOPICS)
                    .append(" --bootstrap-server ")
                    .append(quote(bootstrap))
                    .append(" --create --if-not-exists --topic ")
                    .append(quote(topic.getName()))
                    .append(" --partitions ")
                    .append(topic.partitionsOrDefault())
                    .append(" --replication-factor ")
                    .append(topic.replicationFactorOrDefault());
            if (topic.getConfig() != null) {
                for (Map.Entry<String, String> e : new TreeMap<>(topic.getConfig()).entrySet()) {
                    sh.append(" --config ").append(quote(e.getKey() + "=" + e.getValue()));
                }
            }
            sh.append('\n');
        }
        return sh.toString();
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** Whether this broker's topics exist (true when the broker has no topics); for the status aggregator. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String broker) {
        boolean hasTopics = primary.getSpec().getBrokers().stream()
                .anyMatch(b ->
                        b.getName().equals(broker) && !b.getKafka().getTopics().isEmpty());
        return !hasTopics
                || actual(primary, context, getName(broker))
                        .map(job -> JobStates.of(job) == JobState.SUCCEEDED)
                        .orElse(false);
    }
}
