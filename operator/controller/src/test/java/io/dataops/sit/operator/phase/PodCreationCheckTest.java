package io.dataops.sit.operator.phase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.operator.phase.PodCreationCheck.Controllers;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodCreationCheckTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(1);
    static final String FORBIDDEN = "pods \"sit-runner-x\" is forbidden: violates PodSecurity \"restricted:latest\": "
            + "allowPrivilegeEscalation != false (container \"runner\" must set securityContext.allowPrivilegeEscalation=false)";
    static final String QUOTA =
            "pods \"warehouse-seed-x\" is forbidden: exceeded quota: sit-quota, requested: pods=1, used: pods=50, limited: pods=50";

    static Job job(String name, Integer active) {
        return new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .withActive(active)
                .endStatus()
                .build();
    }

    static StatefulSet sts(String name, int created) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .endSpec()
                .withNewStatus()
                .withReplicas(created)
                .endStatus()
                .build();
    }

    static Event failedCreate(String kind, String name, String message, Instant first) {
        return new EventBuilder()
                .withNewMetadata()
                .withName(name + ".1")
                .endMetadata()
                .withReason("FailedCreate")
                .withType("Warning")
                .withMessage(message)
                .withNewInvolvedObject()
                .withKind(kind)
                .withName(name)
                .endInvolvedObject()
                .withFirstTimestamp(first.toString())
                .withLastTimestamp(first.toString())
                .build();
    }

    static Controllers of(List<Job> jobs, List<StatefulSet> sets, List<Deployment> deployments) {
        return new Controllers(jobs, sets, deployments);
    }

    @Test
    void podSecurityRefusalOfAJobEndsTheRunAtOnceNamingTheJob() {
        var problem = PodCreationCheck.check(
                of(List.of(job("sit-runner", null)), List.of(), List.of()),
                List.of(failedCreate("Job", "sit-runner", FORBIDDEN, NOW)),
                List.of(),
                NOW,
                GRACE);
        assertThat(problem.reason()).isEqualTo("PodCreationFailed");
        assertThat(problem.message())
                .startsWith("Job sit-runner cannot create its pods: ")
                .contains("violates PodSecurity");
        assertThat(problem.message().length()).isLessThanOrEqualTo(400);
    }

    @Test
    void otherRefusalsCountOnceTheyLastedTheGraceAndOnlyWhileThereIsNoPod() {
        Controllers seedWithoutPod = of(List.of(job("warehouse-seed", null)), List.of(), List.of());
        assertThat(PodCreationCheck.check(
                        seedWithoutPod,
                        List.of(failedCreate("Job", "warehouse-seed", QUOTA, NOW.minusSeconds(10))),
                        List.of(),
                        NOW,
                        GRACE))
                .isNull();
        assertThat(PodCreationCheck.check(
                                seedWithoutPod,
                                List.of(failedCreate("Job", "warehouse-seed", QUOTA, NOW.minusSeconds(90))),
                                List.of(),
                                NOW,
                                GRACE)
                        .message())
                .contains("exceeded quota");
        Controllers seedRunning = of(List.of(job("warehouse-seed", 1)), List.of(), List.of());
        assertThat(PodCreationCheck.check(
                        seedRunning,
                        List.of(failedCreate("Job", "warehouse-seed", QUOTA, NOW.minusSeconds(90))),
                        List.of(),
                        NOW,
                        GRACE))
                .isNull();
    }

    @Test
    void aLimitRangeMaximumIsFinalToo() {
        String limit =
                "pods \"events-kafka-0\" is forbidden: maximum memory usage per Container is 512Mi, but limit is 1Gi";
        var problem = PodCreationCheck.check(
                of(List.of(), List.of(sts("events-kafka", 0)), List.of()),
                List.of(failedCreate("StatefulSet", "events-kafka", limit, NOW)),
                List.of(),
                NOW,
                GRACE);
        assertThat(problem.message()).contains("maximum memory usage per Container");
    }

    @Test
    void statefulSetsHaveOnlyEvents() {
        Event event = failedCreate("StatefulSet", "warehouse-postgres", FORBIDDEN, NOW);
        assertThat(PodCreationCheck.check(
                                of(List.of(), List.of(sts("warehouse-postgres", 0)), List.of()),
                                List.of(event),
                                List.of(),
                                NOW,
                                GRACE)
                        .message())
                .startsWith("StatefulSet warehouse-postgres cannot create its pods");
        assertThat(PodCreationCheck.check(
                        of(List.of(), List.of(sts("warehouse-postgres", 1)), List.of()),
                        List.of(event),
                        List.of(),
                        NOW,
                        GRACE))
                .isNull();
    }

    @Test
    void deploymentsSayItInTheirReplicaFailureCondition() {
        Deployment d = new DeploymentBuilder()
                .withNewMetadata()
                .withName("product-1")
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("ReplicaFailure")
                .withStatus("True")
                .withReason("FailedCreate")
                .withMessage(FORBIDDEN.replace("sit-runner-x", "product-1-abc"))
                .withLastTransitionTime(NOW.toString())
                .endCondition()
                .endStatus()
                .build();
        var problem = PodCreationCheck.check(of(List.of(), List.of(), List.of(d)), List.of(), List.of(), NOW, GRACE);
        assertThat(problem.message())
                .startsWith("Deployment product-1 cannot create its pods")
                .contains("PodSecurity");
    }

    @Test
    void aContainerThatWouldRunAsRootIsNamed() {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName("product-1-abc")
                .endMetadata()
                .withNewStatus()
                .addNewContainerStatus()
                .withName("product-1")
                .withImage("registry.example.com/product-1:1")
                .withNewState()
                .withNewWaiting()
                .withReason("CreateContainerConfigError")
                .withMessage(
                        "container has runAsNonRoot and image will run as root (pod: \"product-1-abc\", container: product-1)")
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
        var problem = PodCreationCheck.check(of(List.of(), List.of(), List.of()), List.of(), List.of(pod), NOW, GRACE);
        assertThat(problem.reason()).isEqualTo("ContainerRunsAsRoot");
        assertThat(problem.message())
                .contains("product-1-abc", "registry.example.com/product-1:1", "numeric non-root USER");
    }
}
