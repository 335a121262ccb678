package io.dataops.sit.operator.reconcile;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.ThresholdResult;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the parts of the cluster the mock server does not: the Job controller, the kubelet, the runner
 * writing its result, StatefulSets becoming ready, Strimzi marking a Kafka Ready. Each method is one
 * openly simulated fact, so a test reads as the story of a run.
 */
public final class ClusterSimulator {

    private final KubernetesClient client;

    public ClusterSimulator(KubernetesClient client) {
        this.client = client;
    }

    /** What the kube-apiserver maintains: the endpoints of default/kubernetes (the API-egress policy's peers). */
    public void apiServerEndpoints(String... ips) {
        var slices = client.discovery().v1().endpointSlices().inNamespace("default");
        if (slices.withName("kubernetes").get() != null) {
            return;
        }
        var slice = new EndpointSliceBuilder()
                .withNewMetadata()
                .withName("kubernetes")
                .withNamespace("default")
                .addToLabels("kubernetes.io/service-name", "kubernetes")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewPort()
                .withName("https")
                .withPort(6443)
                .withProtocol("TCP")
                .endPort();
        for (String ip : ips) {
            slice.addNewEndpoint()
                    .withAddresses(ip)
                    .withNewConditions()
                    .withReady(true)
                    .endConditions()
                    .endEndpoint();
        }
        slices.resource(slice.build()).create();
    }

    /** A controller (Job, StatefulSet) refused by admission: the Warning Event it records, as kube-controller-manager does. */
    public void podCreationRefused(String namespace, String kind, String name, String message) {
        String now = Instant.now().toString();
        client.v1()
                .events()
                .inNamespace(namespace)
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName(name + ".failedcreate")
                        .withNamespace(namespace)
                        .endMetadata()
                        .withType("Warning")
                        .withReason("FailedCreate")
                        .withMessage(message)
                        .withNewInvolvedObject()
                        .withKind(kind)
                        .withName(name)
                        .withNamespace(namespace)
                        .endInvolvedObject()
                        .withFirstTimestamp(now)
                        .withLastTimestamp(now)
                        .withCount(1)
                        .build())
                .create();
    }

    public void markJobSucceeded(String namespace, String job) {
        client.batch().v1().jobs().inNamespace(namespace).withName(job).editStatus(j -> {
            j.setStatus(new JobStatusBuilder()
                    .withSucceeded(1)
                    .withConditions(new JobConditionBuilder()
                            .withType("Complete")
                            .withStatus("True")
                            .build())
                    .build());
            return j;
        });
    }

    public void markJobFailed(String namespace, String job, String reason) {
        client.batch().v1().jobs().inNamespace(namespace).withName(job).editStatus(j -> {
            j.setStatus(new JobStatusBuilder()
                    .withFailed(1)
                    .withConditions(new JobConditionBuilder()
                            .withType("Failed")
                            .withStatus("True")
                            .withReason(reason)
                            .build())
                    .build());
            return j;
        });
    }

    /** What the runner does at the end: writes runner.json into sit-results. */
    public void writeRunnerResult(String namespace, String json) {
        client.configMaps()
                .inNamespace(namespace)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .edit(cm -> {
                    cm.setData(new HashMap<>(cm.getData() == null ? Map.of() : cm.getData()));
                    cm.getData().put(RunContract.RUNNER_RESULT_KEY, json);
                    return cm;
                });
    }

    public void writeSeedResult(String namespace, String database, String json) {
        client.configMaps()
                .inNamespace(namespace)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .edit(cm -> {
                    cm.setData(new HashMap<>(cm.getData() == null ? Map.of() : cm.getData()));
                    cm.getData().put(RunContract.seedResultKey(database), json);
                    return cm;
                });
    }

    public static String runnerResult(boolean passed) {
        RunnerResult r = new RunnerResult();
        r.setOutcome(passed ? Outcome.PASSED : Outcome.FAILED);
        r.setScenarios(new ScenarioCounts(3, passed ? 3 : 2, passed ? 0 : 1));
        r.setThresholds(List.of(new ThresholdResult(
                "product_v1 contains 2 records +/- 1",
                BigDecimal.valueOf(2),
                BigDecimal.ONE,
                BigDecimal.valueOf(passed ? 2 : 9),
                passed)));
        return ResultCodec.write(r);
    }

    /** The kubelet failing to pull an image for a pod of the run. */
    public void podFailingToPull(String namespace, String pod, String image) {
        client.pods()
                .inNamespace(namespace)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(pod)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("main")
                        .withImage(image)
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        client.pods().inNamespace(namespace).withName(pod).editStatus(p -> {
            p.setStatus(new PodStatusBuilder()
                    .withPhase("Pending")
                    .addNewContainerStatus()
                    .withName("main")
                    .withImage(image)
                    .withReady(false)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"" + image + "\"")
                    .endWaiting()
                    .endState()
                    .endContainerStatus()
                    .build());
            return p;
        });
    }

    /**
     * The kubelet running a pod of a Deployment or Job (its template's labels and image), one per image ID: each
     * container started, with the digest the runtime resolved the image to ({@code status.containerStatuses[].imageID}).
     */
    public void podsRunning(String namespace, String prefix, PodTemplateSpec template, String... imageIds) {
        for (int i = 0; i < imageIds.length; i++) {
            String pod = prefix + "-" + i;
            var container = template.getSpec().getContainers().getFirst();
            client.pods()
                    .inNamespace(namespace)
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName(pod)
                            .withNamespace(namespace)
                            .withLabels(template.getMetadata().getLabels())
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName(container.getName())
                            .withImage(container.getImage())
                            .endContainer()
                            .endSpec()
                            .build())
                    .create();
            String imageId = imageIds[i];
            client.pods().inNamespace(namespace).withName(pod).editStatus(p -> {
                p.setStatus(new PodStatusBuilder()
                        .withPhase("Running")
                        .addNewContainerStatus()
                        .withName(container.getName())
                        .withImage(container.getImage())
                        .withImageID(imageId)
                        .withReady(true)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt(Instant.now().toString())
                        .endRunning()
                        .endState()
                        .endContainerStatus()
                        .build());
                return p;
            });
        }
    }

    public void markStatefulSetReady(String namespace, String name) {
        client.apps().statefulSets().inNamespace(namespace).withName(name).editStatus(s -> {
            int replicas = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
            s.setStatus(new StatefulSetStatusBuilder()
                    .withReplicas(replicas)
                    .withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas)
                    .withCurrentReplicas(replicas)
                    .withUpdatedReplicas(replicas)
                    .withObservedGeneration(s.getMetadata().getGeneration())
                    .build());
            return s;
        });
    }

    /** The Deployment controller reporting every wanted replica available. */
    public void markDeploymentAvailable(String namespace, String name) {
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            d.setStatus(new DeploymentStatusBuilder()
                    .withReplicas(replicas)
                    .withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas)
                    .withUpdatedReplicas(replicas)
                    .withObservedGeneration(d.getMetadata().getGeneration())
                    .build());
            return d;
        });
    }

    public List<StatefulSet> statefulSets(String namespace) {
        return client.apps().statefulSets().inNamespace(namespace).list().getItems();
    }

    /** Strimzi's cluster operator reporting a Kafka (or KafkaTopic) Ready for its current generation. */
    public void markStrimziReady(String namespace, String plural, String name) {
        var resource = client.genericKubernetesResources("kafka.strimzi.io/v1", kindOf(plural))
                .inNamespace(namespace)
                .withName(name);
        resource.editStatus(r -> {
            Map<String, Object> status = new HashMap<>();
            status.put("observedGeneration", r.getMetadata().getGeneration());
            status.put("conditions", List.of(Map.of("type", "Ready", "status", "True")));
            r.setAdditionalProperty("status", status);
            return r;
        });
    }

    /** Strimzi's cluster operator refusing a Kafka's spec for good (NotReady with the exception's name as reason). */
    public void markStrimziKafkaRejected(String namespace, String name, String reason, String message) {
        client.genericKubernetesResources("kafka.strimzi.io/v1", "Kafka")
                .inNamespace(namespace)
                .withName(name)
                .editStatus(r -> {
                    Map<String, Object> status = new HashMap<>();
                    status.put("observedGeneration", r.getMetadata().getGeneration());
                    status.put(
                            "conditions",
                            List.of(Map.of(
                                    "type", "NotReady", "status", "True", "reason", reason, "message", message)));
                    r.setAdditionalProperty("status", status);
                    return r;
                });
    }

    private static String kindOf(String plural) {
        return switch (plural) {
            case "kafkas" -> "Kafka";
            case "kafkatopics" -> "KafkaTopic";
            default -> "KafkaNodePool";
        };
    }

    static Condition ready() {
        return new ConditionBuilder().withType("Ready").withStatus("True").build();
    }
}
