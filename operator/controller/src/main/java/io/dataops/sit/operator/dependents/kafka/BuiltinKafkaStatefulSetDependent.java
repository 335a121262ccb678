package io.dataops.sit.operator.dependents.kafka;

import static io.dataops.sit.operator.Constants.BROKER_SELECTOR;
import static io.dataops.sit.operator.Constants.COMPONENT_BROKER;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.KafkaSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.PodSecurity;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunPods;
import io.dataops.sit.operator.dependents.RunScoped;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One single-node KRaft Kafka (combined broker + controller) per builtin broker, from the official
 * {@code apache/kafka} image configured through its {@code KAFKA_*} environment variables.
 *
 * <p>Workflow (for the reconciler): dependsOn the run namespace; readyPostcondition {@link io.dataops.sit.operator.dependents.EntriesReadyCondition} with {@link #isReady} (every
 * builtin broker's StatefulSet has all replicas ready); no activation condition (with no builtin broker the desired set is empty, and a per-run activation
 * condition would stop and restart the shared informer).
 * Informer: StatefulSets with component=broker (PostgreSQL's are component=database).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = BROKER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class BuiltinKafkaStatefulSetDependent extends RunBulkDependent<StatefulSet>
        implements BulkUpdater<StatefulSet, SitRun> {

    public static final String CONTAINER = "kafka";
    /**
     * The emptyDir's mount: exactly the image's {@code VOLUME /var/lib/kafka/data}, so no anonymous container volume
     * holds data; fsGroup 1000 makes it writable for appuser.
     */
    public static final String DATA_DIR = "/var/lib/kafka/data";
    /** log.dirs: a subdirectory of the mount, so the broker owns a directory it created itself. */
    public static final String LOG_DIR = DATA_DIR + "/logs";

    static final int NODE_ID = 1;

    public BuiltinKafkaStatefulSetDependent() {
        super(StatefulSet.class, COMPONENT_BROKER);
    }

    public static String getName(String broker) {
        return RunContract.builtinBrokerStatefulSet(broker);
    }

    public static String image(KafkaSpec kafka) {
        return kafka.getImage() != null ? kafka.getImage() : "apache/kafka:" + kafka.versionOrDefault();
    }

    /** The brokers this run serves with the builtin StatefulSet. */
    public static List<BrokerSpec> builtinBrokers(SitRun run, StrimziSupport strimzi) {
        return run.getSpec().getBrokers().stream()
                .filter(b -> KafkaProviderResolver.resolve(run, b, strimzi).is(KafkaBackend.BUILTIN))
                .toList();
    }

    @Override
    public Map<String, StatefulSet> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Placement placement = Placement.of(primary, RunSettings.of(context).operator());
        Map<String, StatefulSet> desired = new LinkedHashMap<>();
        for (BrokerSpec broker : builtinBrokers(primary, StrimziSupport.of(primary, context))) {
            desired.put(broker.getName(), desired(primary, broker, placement));
        }
        return desired;
    }

    /** As {@link #desired(SitRun, BrokerSpec, Placement)} for an operator without sit.placement.* (tests). */
    public static StatefulSet desired(SitRun run, BrokerSpec broker) {
        return desired(run, broker, Placement.of(run, OperatorSettings.defaults()));
    }

    public static StatefulSet desired(SitRun run, BrokerSpec broker, Placement placement) {
        String name = getName(broker.getName());
        Map<String, String> podLabels = labels(run, COMPONENT_BROKER, broker.getName());
        StatefulSet sts = new StatefulSetBuilder()
                .withMetadata(RunScoped.metadata(run, name, COMPONENT_BROKER, broker.getName()))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(BuiltinKafkaServiceDependent.getName(broker.getName()))
                .withNewSelector()
                .withMatchLabels(selectorLabels(run, COMPONENT_BROKER, broker.getName()))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(image(broker.getKafka()))
                .withEnv(env(run, broker))
                .addNewPort()
                .withName("kafka")
                .withContainerPort(KafkaAddresses.PORT)
                .endPort()
                .addNewPort()
                .withName("controller")
                .withContainerPort(KafkaAddresses.CONTROLLER_PORT)
                .endPort()
                // The port accepting connections is enough: the topics Job retries until the broker answers.
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withNewPort(KafkaAddresses.PORT)
                .endTcpSocket()
                .withInitialDelaySeconds(5)
                .withPeriodSeconds(5)
                .withFailureThreshold(60)
                .endReadinessProbe()
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("768Mi"))
                .addToLimits("memory", new Quantity("1Gi"))
                .endResources()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath(DATA_DIR)
                .endVolumeMount()
                .endContainer()
                // A test broker: its data lives as long as the pod, like the run.
                .addNewVolume()
                .withName("data")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        RunPods.finish(placement, sts.getSpec().getTemplate().getSpec(), PodSecurity.KAFKA);
        return sts;
    }

    static List<EnvVar> env(SitRun run, BrokerSpec broker) {
        String advertised = KafkaAddresses.bootstrapServers(run, broker.getName(), KafkaBackend.BUILTIN);
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("KAFKA_NODE_ID", Integer.toString(NODE_ID), null));
        env.add(new EnvVar("KAFKA_PROCESS_ROLES", "broker,controller", null));
        env.add(new EnvVar(
                "KAFKA_LISTENERS",
                "PLAINTEXT://:" + KafkaAddresses.PORT + ",CONTROLLER://:" + KafkaAddresses.CONTROLLER_PORT,
                null));
        env.add(new EnvVar("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + advertised, null));
        env.add(new EnvVar("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT", null));
        env.add(new EnvVar("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER", null));
        env.add(new EnvVar("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT", null));
        env.add(new EnvVar(
                "KAFKA_CONTROLLER_QUORUM_VOTERS", NODE_ID + "@localhost:" + KafkaAddresses.CONTROLLER_PORT, null));
        env.add(new EnvVar("CLUSTER_ID", clusterId(run, broker.getName()), null));
        env.add(new EnvVar("KAFKA_LOG_DIRS", LOG_DIR, null));
        // One node: internal topics cannot have more replicas, or consumers never find a group coordinator.
        env.add(new EnvVar("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1", null));
        env.add(new EnvVar("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1", null));
        env.add(new EnvVar("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1", null));
        env.add(new EnvVar("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0", null));
        env.add(new EnvVar("KAFKA_HEAP_OPTS", "-Xms512m -Xmx512m", null));
        return env;
    }

    /** KRaft wants a base64url 16-byte id; derived from the run so a restarted pod formats the same cluster. */
    static String clusterId(SitRun run, String broker) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((RunNames.namespace(run) + "/" + broker).getBytes(StandardCharsets.UTF_8));
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
            // kafka-storage's argument parser reads an id starting with '-' as an option ("--cluster-id: expected
            // one argument", the broker never starts: 1 run in 64). Only those ids change, so no running broker does.
            return id.charAt(0) == '-' ? "A" + id.substring(1) : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * The runner's fault steps (spec.runner.faults) scale this StatefulSet to 0 and back: the live replica count
     * stands, or a reconcile during the outage would bring the server back before the scenario restores it.
     */
    @Override
    public Matcher.Result<StatefulSet> match(
            StatefulSet actual, StatefulSet desired, SitRun primary, Context<SitRun> context) {
        RunBulkDependent.keepLiveReplicas(actual, desired);
        return super.match(actual, desired, primary, context);
    }

    @Override
    public StatefulSet update(StatefulSet actual, StatefulSet desired, SitRun primary, Context<SitRun> context) {
        RunBulkDependent.keepLiveReplicas(actual, desired);
        return super.update(actual, desired, primary, context);
    }

    /** Whether this broker's StatefulSet is ready; for the status aggregator. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String broker) {
        return actual(primary, context, getName(broker))
                .map(RunBulkDependent::statefulSetReady)
                .orElse(false);
    }
}
