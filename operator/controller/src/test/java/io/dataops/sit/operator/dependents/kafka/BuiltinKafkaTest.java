package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.env;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.operator.dependents.EntriesReadyCondition;
import io.dataops.sit.operator.dependents.FakeContext;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinKafkaTest {

    private SitRun runWith(BrokerSpec... brokers) {
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(brokers));
        return run;
    }

    @Test
    void statefulSetIsASingleKraftNodeFromTheApacheImage() {
        SitRun run = runWith(broker("events", KafkaProvider.BUILTIN, "input_topic_1"));
        String ns = RunNames.namespace(run);
        StatefulSet sts = BuiltinKafkaStatefulSetDependent.desired(
                run, run.getSpec().getBrokers().get(0));

        assertThat(sts.getMetadata().getName())
                .isEqualTo("events-kafka")
                .isEqualTo(BuiltinKafkaStatefulSetDependent.getName("events"));
        assertThat(sts.getMetadata().getNamespace()).isEqualTo(ns);
        assertThat(sts.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(sts.getMetadata().getLabels())
                .containsEntry(Labels.COMPONENT, "broker")
                .containsEntry(Labels.INSTANCE, "events")
                .containsEntry(Labels.RUN, "orders");
        assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(sts.getSpec().getSelector().getMatchLabels());
        Container kafka = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(kafka.getImage()).isEqualTo("apache/kafka:4.1.0");
        Map<String, String> env = env(kafka.getEnv());
        assertThat(env)
                .containsEntry("KAFKA_NODE_ID", "1")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://events-kafka." + ns + ".svc:9092")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        assertThat(env.get("CLUSTER_ID"))
                .hasSize(22)
                .isEqualTo(env(BuiltinKafkaStatefulSetDependent.desired(
                                        run, run.getSpec().getBrokers().get(0))
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getEnv())
                        .get("CLUSTER_ID"));
        assertThat(kafka.getReadinessProbe().getTcpSocket().getPort().getIntVal())
                .isEqualTo(9092);
        assertThat(kafka.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void logDirsAreOnTheWritableEmptyDirOwnedByAppuser() {
        SitRun run = runWith(broker("events", KafkaProvider.BUILTIN));
        var pod = BuiltinKafkaStatefulSetDependent.desired(
                        run, run.getSpec().getBrokers().get(0))
                .getSpec()
                .getTemplate()
                .getSpec();
        Container kafka = pod.getContainers().get(0);
        var mount = kafka.getVolumeMounts().get(0);
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo(mount.getName());
            assertThat(v.getEmptyDir()).isNotNull();
        });
        // apache/kafka declares VOLUME /var/lib/kafka/data: the emptyDir must be that very path
        assertThat(mount.getMountPath()).isEqualTo("/var/lib/kafka/data");
        assertThat(env(kafka.getEnv()).get("KAFKA_LOG_DIRS")).startsWith(mount.getMountPath() + "/");
        // apache/kafka runs as appuser (1000), a name the kubelet cannot check for runAsNonRoot: numeric uid
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
    }

    @Test
    void imageOverride() {
        BrokerSpec b = broker("events", KafkaProvider.BUILTIN);
        b.getKafka().setImage("mirror.local/kafka:4.1.0");
        assertThat(BuiltinKafkaStatefulSetDependent.image(b.getKafka())).isEqualTo("mirror.local/kafka:4.1.0");
    }

    @Test
    void serviceExposesTheBrokerPort() {
        SitRun run = runWith(broker("events", KafkaProvider.BUILTIN));
        Service svc = BuiltinKafkaServiceDependent.desired(
                run, run.getSpec().getBrokers().get(0));
        assertThat(svc.getMetadata().getName()).isEqualTo("events-kafka");
        assertThat(svc.getSpec().getClusterIP()).as("headless").isEqualTo("None");
        assertThat(svc.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(svc.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(9092));
        assertThat(svc.getSpec().getSelector())
                .containsEntry(Labels.INSTANCE, "events")
                .containsEntry(Labels.COMPONENT, "broker");
        assertThat(KafkaAddresses.bootstrapServers(run, "events", KafkaBackend.BUILTIN))
                .isEqualTo("events-kafka." + RunNames.namespace(run) + ".svc:9092");
    }

    @Test
    void onlyBuiltinBrokersGetStatefulSets() {
        SitRun run = runWith(
                broker("a", KafkaProvider.BUILTIN),
                broker("b", KafkaProvider.AUTO),
                broker("c", KafkaProvider.STRIMZI));
        FakeContext noClient = new FakeContext(run);
        assertThat(new BuiltinKafkaStatefulSetDependent().desiredByEntry(run, noClient))
                .containsOnlyKeys("a", "b");
        // auto stays builtin with Strimzi installed unless the operator says Strimzi watches every namespace
        assertThat(BuiltinKafkaStatefulSetDependent.builtinBrokers(run, StrimziSupport.OWN_NAMESPACE_ONLY))
                .extracting(BrokerSpec::getName)
                .containsExactly("a", "b");
    }

    @Test
    void topicsJobCreatesEveryTopicIdempotentlyAndQuotesUserInput() {
        BrokerSpec b = broker("events", KafkaProvider.BUILTIN, "input_topic_1", "product_v1");
        TopicSpec compacted = b.getKafka().getTopics().get(1);
        compacted.setReplicationFactor(1);
        compacted.setConfig(Map.of("cleanup.policy", "compact", "x", "it's"));
        SitRun run = runWith(b);
        Job job = BuiltinKafkaTopicsJobDependent.desired(run, b);

        assertThat(job.getMetadata().getName()).isEqualTo("events-topics");
        assertThat(job.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isNull();
        assertThat(job.getMetadata().getLabels()).containsEntry(Labels.COMPONENT, "broker");
        // the broker's Service must never send clients to the Job's pod
        Map<String, String> podLabels =
                job.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels.entrySet()).doesNotContainAnyElementsOf(Set.of(Map.entry(Labels.COMPONENT, "broker")));
        assertThat(BuiltinKafkaServiceDependent.desired(run, b)
                        .getSpec()
                        .getSelector()
                        .entrySet())
                .isNotEmpty()
                .matches(selector -> !podLabels.entrySet().containsAll(selector));
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("apache/kafka:4.1.0");
        String script = c.getCommand().get(2);
        assertThat(script)
                .contains("--bootstrap-server 'events-kafka." + RunNames.namespace(run) + ".svc:9092'")
                .contains("--create --if-not-exists --topic 'input_topic_1' --partitions 3 --replication-factor 1")
                .contains("--topic 'product_v1'")
                .contains("--config 'cleanup.policy=compact'")
                .contains("--config 'x=it'\"'\"'s'");
        assertThat(script.lines().filter(l -> l.contains("kafka-topics.sh"))).hasSize(2);
    }

    @Test
    void brokersWithoutTopicsGetNoTopicsJobAndAreTopicReady() {
        SitRun run = runWith(broker("events", KafkaProvider.BUILTIN));
        FakeContext ctx = new FakeContext(run);
        BuiltinKafkaTopicsJobDependent topics = new BuiltinKafkaTopicsJobDependent();
        assertThat(topics.desiredByEntry(run, ctx)).isEmpty();
        assertThat(new EntriesReadyCondition<Job>().isMet(topics, run, ctx)).isTrue();
    }

    @Test
    void readinessNeedsReadyReplicasAndSucceededTopicsJob() {
        SitRun run = runWith(broker("events", KafkaProvider.BUILTIN, "t"));
        StatefulSet sts = BuiltinKafkaStatefulSetDependent.desired(
                run, run.getSpec().getBrokers().get(0));
        Job job = BuiltinKafkaTopicsJobDependent.desired(
                run, run.getSpec().getBrokers().get(0));
        BuiltinKafkaStatefulSetDependent stsDependent = new BuiltinKafkaStatefulSetDependent();
        BuiltinKafkaTopicsJobDependent jobDependent = new BuiltinKafkaTopicsJobDependent();

        assertThat(new EntriesReadyCondition<StatefulSet>().isMet(stsDependent, run, new FakeContext(run)))
                .isFalse();
        assertThat(new EntriesReadyCondition<StatefulSet>().isMet(stsDependent, run, new FakeContext(run, sts)))
                .isFalse();
        sts.setStatus(new StatefulSetStatusBuilder()
                .withReplicas(1)
                .withReadyReplicas(1)
                .build());
        assertThat(new EntriesReadyCondition<StatefulSet>().isMet(stsDependent, run, new FakeContext(run, sts)))
                .isTrue();

        assertThat(new EntriesReadyCondition<Job>().isMet(jobDependent, run, new FakeContext(run, job)))
                .isFalse();
        job.setStatus(new JobStatusBuilder()
                .withFailed(1)
                .withConditions(new JobConditionBuilder()
                        .withType("Failed")
                        .withStatus("True")
                        .build())
                .build());
        assertThat(BrokerReadiness.topicsFailed(
                        new FakeContext(run, job), run.getSpec().getBrokers().get(0)))
                .isTrue();
        // FailureTarget comes before Failed while the Job's pods terminate: already failed for good (JobStates).
        job.setStatus(new JobStatusBuilder()
                .withConditions(new JobConditionBuilder()
                        .withType("FailureTarget")
                        .withStatus("True")
                        .withReason("BackoffLimitExceeded")
                        .build())
                .build());
        assertThat(BrokerReadiness.topicsFailed(
                        new FakeContext(run, job), run.getSpec().getBrokers().get(0)))
                .isTrue();
        job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
        assertThat(new EntriesReadyCondition<Job>().isMet(jobDependent, run, new FakeContext(run, job)))
                .isTrue();
    }

    @Test
    void staleStatefulSetStatusIsNotReady() {
        SitRun run = runWith(broker("events", KafkaProvider.BUILTIN));
        StatefulSet sts = BuiltinKafkaStatefulSetDependent.desired(
                run, run.getSpec().getBrokers().get(0));
        sts.getMetadata().setGeneration(2L);
        sts.setStatus(new StatefulSetStatusBuilder()
                .withReadyReplicas(1)
                .withObservedGeneration(1L)
                .build());
        assertThat(RunBulkDependent.statefulSetReady(sts)).isFalse();
        sts.getStatus().setObservedGeneration(2L);
        assertThat(RunBulkDependent.statefulSetReady(sts)).isTrue();
    }

    @Test
    void noClusterIdStartsWithADashThatKafkaStorageWouldReadAsAnOption() {
        // Seen on the real node: a run whose id was -Aw-CokiPhFNFPihQZqpHg never got its broker started. 2000 runs
        // hold about 31 such ids (1 in 64) before the fix.
        int unstable = 0;
        for (int i = 0; i < 2000; i++) {
            SitRun run = run("run-" + i);
            String id = BuiltinKafkaStatefulSetDependent.clusterId(run, "events");
            assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
            unstable += id.equals(BuiltinKafkaStatefulSetDependent.clusterId(run, "events")) ? 0 : 1;
        }
        assertThat(unstable).as("the same run always gets the same id").isZero();
    }
}
