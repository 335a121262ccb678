package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Strimzi objects go to kafka.strimzi.io/v1 endpoints and come back unchanged (CRUD mock server). */
@EnableKubernetesMockClient(crud = true)
class StrimziRoundTripTest {

    KubernetesClient client;

    @Test
    void kafkaNodePoolAndTopicRoundTrip() {
        BrokerSpec b = broker("events", KafkaProvider.STRIMZI, "input_topic_1");
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(b));
        String ns = RunNames.namespace(run);

        Kafka kafka = StrimziKafkaDependent.desired(run, b);
        client.resource(kafka).create();
        client.resource(StrimziKafkaNodePoolDependent.desired(run, b)).create();
        client.resource(StrimziKafkaTopicDependent.desired(
                        run, b, b.getKafka().getTopics().get(0)))
                .create();

        Kafka read =
                client.resources(Kafka.class).inNamespace(ns).withName("events").get();
        assertThat(read.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
        assertThat(read.getSpec()).isEqualTo(kafka.getSpec());
        assertThat(read.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled");
        assertThat(client.resources(KafkaNodePool.class)
                        .inNamespace(ns)
                        .withLabel("strimzi.io/cluster", "events")
                        .list()
                        .getItems())
                .singleElement()
                .satisfies(p -> assertThat(p.getSpec().getReplicas()).isEqualTo(1));
        assertThat(client.resources(KafkaTopic.class)
                        .inNamespace(ns)
                        .withLabel("sit.dataops.io/component", "broker")
                        .list()
                        .getItems())
                .singleElement()
                .satisfies(t -> assertThat(t.getSpec().getTopicName()).isEqualTo("input_topic_1"));
    }
}
