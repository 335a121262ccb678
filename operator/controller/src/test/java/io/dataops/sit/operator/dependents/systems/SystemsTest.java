package io.dataops.sit.operator.dependents.systems;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.env;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.dependents.ConnectionEnv;
import io.dataops.sit.operator.dependents.EntriesReadyCondition;
import io.dataops.sit.operator.dependents.FakeContext;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemsTest {

    private SitRun runWith(SystemSpec... systems) {
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN)));
        run.getSpec().setDatabases(List.of(TestRuns.database("warehouse")));
        run.getSpec().setSystems(List.of(systems));
        return run;
    }

    @Test
    void deploymentCarriesImageCommandEnvPortsAndLabels() {
        SystemSpec product = system("product-1", 8080);
        product.setCommand(List.of("java"));
        product.setArgs(List.of("-jar", "/app/sit-runner.jar", "relay"));
        product.setReplicas(2);
        SitRun run = runWith(product);
        Deployment d = new SystemDeploymentDependent()
                .desiredByEntry(run, new FakeContext(run))
                .get("product-1");

        assertThat(d.getMetadata().getName()).isEqualTo("product-1");
        assertThat(d.getMetadata().getNamespace()).isEqualTo(RunNames.namespace(run));
        assertThat(d.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(d.getMetadata().getLabels())
                .containsEntry(Labels.COMPONENT, "system")
                .containsEntry(Labels.INSTANCE, "product-1");
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("registry.example.com/product-1:1");
        assertThat(c.getCommand()).containsExactly("java");
        assertThat(c.getArgs()).containsExactly("-jar", "/app/sit-runner.jar", "relay");
        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(8080);
            assertThat(p.getName()).isEqualTo("p8080");
        });
        assertThat(env(c.getEnv()))
                .containsEntry("INPUT_TOPIC", "input_topic_1")
                .containsKey("KAFKA_BOOTSTRAP_SERVERS")
                .containsKey("SIT_DB_WAREHOUSE_HOST")
                .doesNotContainKey("SIT_RUN_FILE");
        assertThat(c.getEnv())
                .filteredOn(e -> e.getName().endsWith("PASSWORD"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue()).isNull());
        assertThat(d.getSpec().getTemplate().getSpec().getVolumes()).isEmpty();
    }

    @Test
    void awsCredentialsReachOnlySystemsThatOptIn() {
        SitRun run = runWith(system("product-1"), system("product-2"));
        run.getSpec().setAws(TestRuns.aws());
        run.getSpec().getSystems().get(0).setAws(true);
        Deployment other = SystemDeploymentDependent.desired(
                run, run.getSpec().getSystems().get(1), ConnectionEnv.forSystems(run, StrimziSupport.NOT_INSTALLED));
        assertThat(other.getSpec().getTemplate().getSpec().getVolumes()).isEmpty();
        assertThat(env(other.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv()))
                .doesNotContainKeys("AWS_SHARED_CREDENTIALS_FILE", "AWS_REGION");

        Deployment d = SystemDeploymentDependent.desired(
                run, run.getSpec().getSystems().get(0), ConnectionEnv.forSystems(run, StrimziSupport.NOT_INSTALLED));
        assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
                .singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo(ConnectionEnv.AWS_SECRET));
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getVolumeMounts())
                .singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/sit/aws"));
        assertThat(env(c.getEnv())).containsEntry("AWS_SHARED_CREDENTIALS_FILE", "/sit/aws/credentials");
    }

    @Test
    void liveReplicaCountWinsSoTheRunnerCanScaleSystems() {
        SitRun run = runWith(system("product-1"));
        Deployment desired = SystemDeploymentDependent.desired(
                run, run.getSpec().getSystems().get(0), List.of());
        Deployment scaledByRunner = new DeploymentBuilder(desired)
                .editSpec()
                .withReplicas(3)
                .endSpec()
                .build();
        SystemDeploymentDependent.keepLiveReplicas(scaledByRunner, desired);
        assertThat(desired.getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void serviceOnlyForSystemsWithPorts() {
        SitRun run = runWith(system("product-1", 8080, 9090), system("worker"));
        var services = new SystemServiceDependent().desiredByEntry(run, new FakeContext(run));
        assertThat(services).containsOnlyKeys("product-1");
        assertThat(services.get("product-1").getSpec().getPorts())
                .extracting(p -> p.getPort())
                .containsExactly(8080, 9090);
        assertThat(services.get("product-1").getSpec().getSelector()).containsEntry(Labels.INSTANCE, "product-1");
    }

    @Test
    void readyWhenAvailableReachesReplicasAndZeroIsReady() {
        SystemSpec stopped = system("stopped");
        stopped.setReplicas(0);
        SitRun run = runWith(system("product-1"), stopped);
        Deployment product = SystemDeploymentDependent.desired(
                run, run.getSpec().getSystems().get(0), List.of());
        Deployment idle = SystemDeploymentDependent.desired(run, stopped, List.of());
        SystemDeploymentDependent dependent = new SystemDeploymentDependent();

        assertThat(SystemDeploymentDependent.isReady(idle)).isTrue();
        assertThat(new EntriesReadyCondition<Deployment>().isMet(dependent, run, new FakeContext(run, product, idle)))
                .isFalse();
        product.setStatus(new DeploymentStatusBuilder().withAvailableReplicas(1).build());
        assertThat(new EntriesReadyCondition<Deployment>().isMet(dependent, run, new FakeContext(run, product, idle)))
                .isTrue();
        assertThat(new EntriesReadyCondition<Deployment>().isMet(dependent, run, new FakeContext(run, product)))
                .as("missing one")
                .isFalse();
    }

    @Test
    void imagePullFailuresAreFound() {
        Pod healthy = new PodBuilder()
                .withNewMetadata()
                .withName("ok")
                .endMetadata()
                .withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName("a")
                        .withImage("good:1")
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState()
                        .build())
                .endStatus()
                .build();
        Pod broken = new PodBuilder()
                .withNewMetadata()
                .withName("product-1-abc")
                .endMetadata()
                .withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName("product-1")
                        .withImage("nope:1")
                        .withNewState()
                        .withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"nope:1\"")
                        .endWaiting()
                        .endState()
                        .build())
                .endStatus()
                .build();
        assertThat(PodProblems.imagePullFailure(List.of(healthy))).isEmpty();
        PodProblems.ImagePullFailure failure =
                PodProblems.imagePullFailure(List.of(healthy, broken)).orElseThrow();
        assertThat(failure.pod()).isEqualTo("product-1-abc");
        assertThat(failure.container()).isEqualTo("product-1");
        assertThat(failure.image()).isEqualTo("nope:1");
        assertThat(failure.reason()).isEqualTo("ImagePullBackOff");
        assertThat(failure.describe()).contains("nope:1").contains("ImagePullBackOff");
    }
}
