package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.operator.dependents.FakeContext;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaStatusBuilder;
import io.strimzi.api.kafka.model.kafka.listener.ListenerAddress;
import io.strimzi.api.kafka.model.kafka.listener.ListenerAddressBuilder;
import io.strimzi.api.kafka.model.kafka.listener.ListenerStatusBuilder;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicStatusBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrimziKafkaTest {

    private SitRun runWith(BrokerSpec... brokers) {
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(brokers));
        return run;
    }

    @Test
    void kafkaIsKraftWithNodePoolsAPlainListenerAndTheTopicOperator() {
        BrokerSpec b = broker("events", KafkaProvider.STRIMZI, "input_topic_1");
        b.getKafka().setReplicas(3);
        SitRun run = runWith(b);
        Kafka kafka = StrimziKafkaDependent.desired(run, b);

        assertThat(kafka.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
        assertThat(kafka.getMetadata().getName()).isEqualTo("events");
        assertThat(kafka.getMetadata().getNamespace()).isEqualTo(RunNames.namespace(run));
        assertThat(kafka.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(kafka.getMetadata().getAnnotations())
                .containsEntry("strimzi.io/node-pools", "enabled")
                .containsEntry("strimzi.io/kraft", "enabled");
        assertThat(kafka.getMetadata().getLabels())
                .containsEntry(Labels.COMPONENT, "broker")
                .containsEntry(Labels.INSTANCE, "events");
        // no version unless asked: Strimzi >= 1.1 does not support the builtin default 4.1.0 and would never reconcile
        assertThat(kafka.getSpec().getKafka().getVersion()).isNull();
        b.getKafka().setVersion("4.2.0");
        assertThat(StrimziKafkaDependent.desired(run, b).getSpec().getKafka().getVersion())
                .isEqualTo("4.2.0");
        b.getKafka().setVersion(null);
        assertThat(kafka.getSpec().getKafka().getListeners()).singleElement().satisfies(l -> {
            assertThat(l.getName()).isEqualTo("plain");
            assertThat(l.getPort()).isEqualTo(9092);
            assertThat(l.isTls()).isFalse();
        });
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("offsets.topic.replication.factor", "3");
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        // what goes over the wire
        assertThat(Serialization.asYaml(kafka))
                .contains("apiVersion: \"kafka.strimzi.io/v1\"")
                .contains("kind: \"Kafka\"");
    }

    @Test
    void nodePoolCarriesBothRolesAndTheClusterLabel() {
        BrokerSpec b = broker("events", KafkaProvider.STRIMZI);
        b.getKafka().setReplicas(3);
        KafkaNodePool pool = StrimziKafkaNodePoolDependent.desired(runWith(b), b);
        assertThat(pool.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
        assertThat(pool.getMetadata().getName()).isEqualTo("events-pool");
        assertThat(pool.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", "events")
                .containsEntry(Labels.COMPONENT, "broker");
        assertThat(pool.getSpec().getRoles()).containsExactlyInAnyOrder(ProcessRoles.BROKER, ProcessRoles.CONTROLLER);
        assertThat(pool.getSpec().getReplicas()).isEqualTo(3);
        assertThat(Serialization.asYaml(pool)).contains("type: \"ephemeral\"");
    }

    @Test
    void topicsKeepTheirRealNameInSpecAndAValidObjectName() {
        BrokerSpec b = broker("events", KafkaProvider.STRIMZI, "input_topic_1", "product-v1");
        b.getKafka().getTopics().get(0).setConfig(Map.of("retention.ms", "60000"));
        SitRun run = runWith(b);
        KafkaTopic t = StrimziKafkaTopicDependent.desired(
                run, b, b.getKafka().getTopics().get(0));

        assertThat(t.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
        assertThat(t.getMetadata().getName()).matches("^events-input-topic-1-[0-9a-f]{5}$");
        assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "events");
        assertThat(t.getSpec().getTopicName()).isEqualTo("input_topic_1");
        assertThat(t.getSpec().getPartitions()).isEqualTo(3);
        assertThat(t.getSpec().getReplicas()).isEqualTo(1);
        assertThat(t.getSpec().getConfig()).containsEntry("retention.ms", "60000");
        assertThat(StrimziKafkaTopicDependent.getName("events", "product-v1")).isEqualTo("events-product-v1");
        assertThat(StrimziKafkaTopicDependent.getName("events", "Orders"))
                .isNotEqualTo(StrimziKafkaTopicDependent.getName("events", "orders"));
        assertThat(StrimziKafkaTopicDependent.getName("events", "x".repeat(249)))
                .hasSizeLessThanOrEqualTo(253);
    }

    @Test
    void readyNeedsReadyConditionForTheCurrentGeneration() {
        BrokerSpec b = broker("events", KafkaProvider.STRIMZI);
        SitRun run = runWith(b);
        Kafka kafka = StrimziKafkaDependent.desired(run, b);
        assertThat(StrimziKafkaDependent.isReady(kafka)).isFalse();

        kafka.getMetadata().setGeneration(2L);
        kafka.setStatus(new KafkaStatusBuilder()
                .withObservedGeneration(1L)
                .withConditions(new ConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .build())
                .build());
        assertThat(StrimziKafkaDependent.isReady(kafka))
                .as("status of an older generation")
                .isFalse();

        kafka.getStatus().setObservedGeneration(2L);
        assertThat(StrimziKafkaDependent.isReady(kafka)).isTrue();

        kafka.getStatus()
                .setConditions(List.of(new ConditionBuilder()
                        .withType("NotReady")
                        .withStatus("True")
                        .withReason("UnsupportedKafkaVersion")
                        .withMessage("4.1.0 is not supported")
                        .build()));
        assertThat(StrimziKafkaDependent.isReady(kafka)).isFalse();
        assertThat(StrimziKafkaDependent.notReadyMessage(kafka))
                .contains("UnsupportedKafkaVersion: 4.1.0 is not supported");
        assertThat(StrimziKafkaDependent.rejection(kafka)).isEmpty();

        // what Strimzi >= 1.1 writes for a version it dropped: final, unlike "Creating" or a timeout
        kafka.getStatus()
                .setConditions(List.of(new ConditionBuilder()
                        .withType("NotReady")
                        .withStatus("True")
                        .withReason("UnsupportedKafkaVersionException")
                        .withMessage(
                                "Unsupported Kafka.spec.kafka.version: 4.1.0. Supported versions are: [4.2.0, 4.3.0]")
                        .build()));
        assertThat(StrimziKafkaDependent.rejection(kafka))
                .hasValueSatisfying(r -> assertThat(r).contains("Supported versions are"));
        kafka.getMetadata().setGeneration(3L);
        assertThat(StrimziKafkaDependent.rejection(kafka))
                .as("refusal of an older spec")
                .isEmpty();
        kafka.getStatus().setObservedGeneration(3L);
        kafka.getStatus()
                .setConditions(List.of(new ConditionBuilder()
                        .withType("NotReady")
                        .withStatus("True")
                        .withReason("Creating")
                        .build()));
        assertThat(StrimziKafkaDependent.rejection(kafka)).isEmpty();
    }

    @Test
    void readyConditionsOverTheRunsObjects() {
        BrokerSpec b = broker("events", KafkaProvider.STRIMZI, "t1");
        SitRun run = runWith(b);
        Kafka kafka = StrimziKafkaDependent.desired(run, b);
        KafkaTopic topic = StrimziKafkaTopicDependent.desired(
                run, b, b.getKafka().getTopics().get(0));
        kafka.getMetadata().setGeneration(1L);
        topic.getMetadata().setGeneration(1L);
        StrimziKafkaDependent kafkaDependent = new StrimziKafkaDependent();
        StrimziKafkaTopicDependent topicDependent = new StrimziKafkaTopicDependent();

        // strimzi desired sets depend on detection; here readiness per broker is checked directly
        assertThat(kafkaDependent.isReady(run, new FakeContext(run, kafka), "events"))
                .isFalse();
        assertThat(topicDependent.isReady(run, new FakeContext(run, topic), "events"))
                .isFalse();
        kafka.setStatus(new KafkaStatusBuilder()
                .withObservedGeneration(1L)
                .withConditions(new ConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .build())
                .build());
        topic.setStatus(new KafkaTopicStatusBuilder()
                .withObservedGeneration(1L)
                .withConditions(new ConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .build())
                .build());
        assertThat(kafkaDependent.isReady(run, new FakeContext(run, kafka), "events"))
                .isTrue();
        assertThat(topicDependent.isReady(run, new FakeContext(run, topic), "events"))
                .isTrue();
    }

    @Test
    void bootstrapFromThePlainListenerElseTheBootstrapService() {
        BrokerSpec b = broker("events", KafkaProvider.STRIMZI);
        SitRun run = runWith(b);
        Kafka kafka = StrimziKafkaDependent.desired(run, b);
        String ns = RunNames.namespace(run);
        assertThat(KafkaAddresses.strimziBootstrapServers(run, "events", kafka))
                .isEqualTo("events-kafka-bootstrap." + ns + ".svc:9092");
        kafka.setStatus(new KafkaStatusBuilder()
                .withListeners(
                        new ListenerStatusBuilder()
                                .withName("tls")
                                .withAddresses(address("x", 9093))
                                .build(),
                        new ListenerStatusBuilder()
                                .withName("plain")
                                .withAddresses(address("events-kafka-bootstrap.ns.svc", 9092))
                                .build())
                .build());
        assertThat(KafkaAddresses.strimziBootstrapServers(run, "events", kafka))
                .isEqualTo("events-kafka-bootstrap.ns.svc:9092");
    }

    private static ListenerAddress address(String host, int port) {
        return new ListenerAddressBuilder().withHost(host).withPort(port).build();
    }

    @Test
    void strimziDependentsAreInactiveWithoutStrimzi() {
        SitRun run = runWith(broker("events", KafkaProvider.STRIMZI));
        FakeContext noStrimzi = new FakeContext(run);
        assertThat(new StrimziActivation().isMet(null, run, noStrimzi)).isFalse();
        assertThat(new StrimziKafkaDependent().desiredByEntry(run, noStrimzi)).isEmpty();
        assertThat(StrimziKafkaDependent.strimziBrokers(run, StrimziSupport.OWN_NAMESPACE_ONLY))
                .hasSize(1);
    }

    @Test
    void providerResolution() {
        BrokerSpec auto = broker("a", KafkaProvider.AUTO);
        BrokerSpec strimzi = broker("s", KafkaProvider.STRIMZI);
        BrokerSpec builtin = broker("b", KafkaProvider.BUILTIN);
        // auto takes Strimzi only when configured to watch every namespace: a namespace-scoped Strimzi never
        // reconciles the run namespaces
        assertThat(KafkaProviderResolver.resolve(auto, StrimziSupport.OWN_NAMESPACE_ONLY)
                        .backend())
                .isEqualTo(KafkaBackend.BUILTIN);
        assertThat(KafkaProviderResolver.resolve(auto, StrimziSupport.ALL_NAMESPACES)
                        .backend())
                .isEqualTo(KafkaBackend.STRIMZI);
        assertThat(KafkaProviderResolver.resolve(auto, new StrimziSupport(false, true))
                        .backend())
                .isEqualTo(KafkaBackend.BUILTIN);
        assertThat(KafkaProviderResolver.resolve(auto, StrimziSupport.NOT_INSTALLED)
                        .backend())
                .isEqualTo(KafkaBackend.BUILTIN);
        assertThat(KafkaProviderResolver.resolve(builtin, StrimziSupport.ALL_NAMESPACES)
                        .backend())
                .isEqualTo(KafkaBackend.BUILTIN);
        assertThat(KafkaProviderResolver.resolve(strimzi, StrimziSupport.OWN_NAMESPACE_ONLY)
                        .backend())
                .isEqualTo(KafkaBackend.STRIMZI);
        KafkaProviderResolver.Resolution missing = KafkaProviderResolver.resolve(strimzi, StrimziSupport.NOT_INSTALLED);
        assertThat(missing.isError()).isTrue();
        assertThat(missing.errorReason()).isEqualTo("StrimziNotInstalled");
        assertThat(missing.message()).contains("'s'");
    }

    @Test
    void recordedProviderIsKeptWhenStrimziAppearsMidRun() {
        SitRun run = runWith(broker("a", KafkaProvider.AUTO));
        BrokerStatus recorded = new BrokerStatus();
        recorded.setName("a");
        recorded.setProvider(KafkaBackend.BUILTIN.value());
        run.getStatus().getBrokers().add(recorded);
        assertThat(KafkaProviderResolver.resolve(run, run.getSpec().getBrokers().get(0), StrimziSupport.ALL_NAMESPACES)
                        .backend())
                .isEqualTo(KafkaBackend.BUILTIN);
        assertThat(KafkaProviderResolver.backend(run, "a", StrimziSupport.ALL_NAMESPACES))
                .contains(KafkaBackend.BUILTIN);
    }
}
