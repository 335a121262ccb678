package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.Constants.COMPONENT_BROKER;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunObjects;
import io.dataops.sit.operator.observe.JobStates;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Optional;

/**
 * One broker's status entry (provider, bootstrap address, ready, message) read from the informer caches, for
 * the status aggregator and the runner's precondition. Works with either backend; a backend whose informers
 * are not registered (inactive Strimzi dependents) reads as not ready.
 */
public final class BrokerReadiness {

    private BrokerReadiness() {}

    public static BrokerStatus status(SitRun run, Context<SitRun> context, BrokerSpec broker) {
        return status(run, context, broker, StrimziSupport.of(run, context));
    }

    public static BrokerStatus status(SitRun run, Context<SitRun> context, BrokerSpec broker, StrimziSupport strimzi) {
        BrokerStatus status = new BrokerStatus();
        status.setName(broker.getName());
        KafkaProviderResolver.Resolution resolution = KafkaProviderResolver.resolve(run, broker, strimzi);
        if (resolution.isError()) {
            status.setReady(false);
            status.setMessage(resolution.message());
            return status;
        }
        KafkaBackend backend = resolution.backend();
        status.setProvider(backend.value());
        if (backend == KafkaBackend.EXTERNAL) {
            // Nothing to wait for: the cluster is someone else's, and the runner reports it if it cannot reach it.
            status.setBootstrapServers(broker.getExternal().getBootstrapServers());
            status.setReady(true);
            status.setMessage("external: not provisioned for the run");
        } else if (backend == KafkaBackend.BUILTIN) {
            builtin(run, context, broker, status);
        } else {
            strimzi(run, context, broker, status);
        }
        return status;
    }

    /** True when a builtin broker's topics Job failed for good (an Error, not something to wait for). */
    public static boolean topicsFailed(Context<SitRun> context, BrokerSpec broker) {
        return RunObjects.ofRun(
                        context, Job.class, COMPONENT_BROKER, BuiltinKafkaTopicsJobDependent.getName(broker.getName()))
                .map(job -> JobStates.of(job).failed())
                .orElse(false);
    }

    private static void builtin(SitRun run, Context<SitRun> context, BrokerSpec broker, BrokerStatus status) {
        status.setBootstrapServers(KafkaAddresses.bootstrapServers(run, broker.getName(), KafkaBackend.BUILTIN));
        Optional<StatefulSet> sts = RunObjects.ofRun(
                context,
                StatefulSet.class,
                COMPONENT_BROKER,
                BuiltinKafkaStatefulSetDependent.getName(broker.getName()));
        boolean brokerReady = sts.map(RunBulkDependent::statefulSetReady).orElse(false);
        boolean hasTopics = !broker.getKafka().getTopics().isEmpty();
        Optional<Job> topics = RunObjects.ofRun(
                context, Job.class, COMPONENT_BROKER, BuiltinKafkaTopicsJobDependent.getName(broker.getName()));
        boolean topicsReady = !hasTopics
                || topics.map(job -> JobStates.of(job) == JobState.SUCCEEDED).orElse(false);
        status.setReady(brokerReady && topicsReady);
        if (!brokerReady) {
            status.setMessage(sts.isEmpty() ? "creating the broker" : "waiting for the broker to accept connections");
        } else if (topics.map(job -> JobStates.of(job).failed()).orElse(false)) {
            status.setMessage("the topics Job " + BuiltinKafkaTopicsJobDependent.getName(broker.getName()) + " failed");
        } else if (!topicsReady) {
            status.setMessage("creating topics");
        }
    }

    private static void strimzi(SitRun run, Context<SitRun> context, BrokerSpec broker, BrokerStatus status) {
        Optional<Kafka> kafka = RunObjects.ofRun(
                context, Kafka.class, COMPONENT_BROKER, StrimziKafkaDependent.getName(broker.getName()));
        status.setBootstrapServers(KafkaAddresses.strimziBootstrapServers(run, broker.getName(), kafka.orElse(null)));
        boolean kafkaReady = kafka.map(StrimziKafkaDependent::isReady).orElse(false);
        long topicsNotReady = broker.getKafka().getTopics().stream()
                .map(TopicSpec::getName)
                .filter(t -> !RunObjects.ofRun(
                                context,
                                KafkaTopic.class,
                                COMPONENT_BROKER,
                                StrimziKafkaTopicDependent.getName(broker.getName(), t))
                        .map(StrimziKafkaTopicDependent::isReady)
                        .orElse(false))
                .count();
        status.setReady(kafkaReady && topicsNotReady == 0);
        if (!kafkaReady) {
            status.setMessage(kafka.flatMap(StrimziKafkaDependent::notReadyMessage)
                    .orElse("waiting for Strimzi to make the Kafka Ready"));
        } else if (topicsNotReady > 0) {
            status.setMessage(topicsNotReady + " KafkaTopic(s) not Ready yet");
        }
    }
}
