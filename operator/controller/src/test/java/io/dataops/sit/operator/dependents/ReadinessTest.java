package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.operator.dependents.kafka.BrokerReadiness;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaStatefulSetDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaTopicsJobDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaTopicDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.dependents.postgres.DatabaseReadiness;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.dependents.systems.SystemReadiness;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaStatusBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicStatusBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void builtinBrokerReadyOnceTheBrokerIsUpAndTopicsExist() {
        SitRun run = run("orders");
        BrokerSpec b = broker("events", KafkaProvider.BUILTIN, "t");
        run.getSpec().setBrokers(List.of(b));
        StatefulSet sts = BuiltinKafkaStatefulSetDependent.desired(run, b);
        Job topics = BuiltinKafkaTopicsJobDependent.desired(run, b);

        BrokerStatus nothing = BrokerReadiness.status(run, new FakeContext(run), b);
        assertThat(nothing.isReady()).isFalse();
        assertThat(nothing.getProvider()).isEqualTo("builtin");
        assertThat(nothing.getBootstrapServers()).isEqualTo("events-kafka." + RunNames.namespace(run) + ".svc:9092");

        sts.setStatus(new StatefulSetStatusBuilder().withReadyReplicas(1).build());
        assertThat(BrokerReadiness.status(run, new FakeContext(run, sts, topics), b)
                        .getMessage())
                .isEqualTo("creating topics");
        topics.setStatus(new JobStatusBuilder()
                .withConditions(new JobConditionBuilder()
                        .withType("Failed")
                        .withStatus("True")
                        .build())
                .build());
        assertThat(BrokerReadiness.topicsFailed(new FakeContext(run, sts, topics), b))
                .isTrue();
        topics.setStatus(new JobStatusBuilder().withSucceeded(1).build());
        BrokerStatus ready = BrokerReadiness.status(run, new FakeContext(run, sts, topics), b);
        assertThat(ready.isReady()).isTrue();
        assertThat(ready.getMessage()).isNull();
    }

    @Test
    void strimziBrokerNeedsKafkaAndTopicsReady() {
        SitRun run = run("orders");
        BrokerSpec b = broker("events", KafkaProvider.STRIMZI, "t1");
        run.getSpec().setBrokers(List.of(b));
        Kafka kafka = StrimziKafkaDependent.desired(run, b);
        KafkaTopic topic = StrimziKafkaTopicDependent.desired(
                run, b, b.getKafka().getTopics().get(0));
        kafka.getMetadata().setGeneration(1L);
        topic.getMetadata().setGeneration(1L);

        BrokerStatus missing = BrokerReadiness.status(run, new FakeContext(run), b, StrimziSupport.NOT_INSTALLED);
        assertThat(missing.isReady()).isFalse();
        assertThat(missing.getProvider()).isNull();
        assertThat(missing.getMessage()).contains("strimzi");

        kafka.setStatus(new KafkaStatusBuilder()
                .withObservedGeneration(1L)
                .withConditions(new ConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .build())
                .build());
        BrokerStatus waitingTopics =
                BrokerReadiness.status(run, new FakeContext(run, kafka, topic), b, StrimziSupport.OWN_NAMESPACE_ONLY);
        assertThat(waitingTopics.isReady()).isFalse();
        assertThat(waitingTopics.getProvider()).isEqualTo("strimzi");
        assertThat(waitingTopics.getBootstrapServers())
                .isEqualTo("events-kafka-bootstrap." + RunNames.namespace(run) + ".svc:9092");
        topic.setStatus(new KafkaTopicStatusBuilder()
                .withObservedGeneration(1L)
                .withConditions(new ConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .build())
                .build());
        assertThat(BrokerReadiness.status(run, new FakeContext(run, kafka, topic), b, StrimziSupport.OWN_NAMESPACE_ONLY)
                        .isReady())
                .isTrue();
    }

    @Test
    void databaseReadyThenSeeded() {
        SitRun run = run("orders");
        DatabaseSpec db = database("warehouse");
        db.setDatasetVersion("orders-golden-v3");
        run.getSpec().setDatabases(List.of(db));
        StatefulSet sts = PostgresStatefulSetDependent.desired(run, db);
        Job seed = SeedJobDependent.desired(run, db, "img", List.of());

        DatabaseStatus initial = DatabaseReadiness.status(run, new FakeContext(run), db);
        assertThat(initial.isReady()).isFalse();
        assertThat(initial.getSecretName()).isEqualTo("warehouse-postgres-credentials");
        assertThat(initial.getDatasetVersion()).isEqualTo("orders-golden-v3");
        assertThat(initial.getPort()).isEqualTo(5432);

        sts.setStatus(new StatefulSetStatusBuilder().withReadyReplicas(1).build());
        DatabaseStatus seeding = DatabaseReadiness.status(run, new FakeContext(run, sts, seed), db);
        assertThat(seeding.isReady()).isTrue();
        assertThat(seeding.isSeeded()).isFalse();
        seed.setStatus(new JobStatusBuilder().withSucceeded(1).build());
        assertThat(DatabaseReadiness.status(run, new FakeContext(run, sts, seed), db)
                        .isSeeded())
                .isTrue();
        assertThat(DatabaseReadiness.seedJob(new FakeContext(run, sts, seed), "warehouse"))
                .contains(seed);

        // A SitRun recreated under the same name maps to the same primary; its predecessor's finished seed Job,
        // still in the old (terminating) namespace, must not count for the new run.
        seed.getMetadata().setNamespace("sit-orders-0ld00");
        assertThat(DatabaseReadiness.seedJob(new FakeContext(run, sts, seed), "warehouse"))
                .isEmpty();
    }

    @Test
    void systemReady() {
        SitRun run = run("orders");
        run.getSpec().setSystems(List.of(system("product-1")));
        var d = SystemDeploymentDependent.desired(
                run, run.getSpec().getSystems().get(0), List.of());
        assertThat(SystemReadiness.status(
                                run,
                                new FakeContext(run, d),
                                run.getSpec().getSystems().get(0))
                        .isReady())
                .isFalse();
        d.setStatus(new DeploymentStatusBuilder().withAvailableReplicas(1).build());
        assertThat(SystemReadiness.status(
                                run,
                                new FakeContext(run, d),
                                run.getSpec().getSystems().get(0))
                        .isReady())
                .isTrue();
    }
}
