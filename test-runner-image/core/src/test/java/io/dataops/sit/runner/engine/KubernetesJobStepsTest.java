package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.testing.TestEnv;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "... job started" in a cluster: a system Deployment scaled up and awaited; nothing else is started (CRUD mock server). */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobStepsTest {

    static KubernetesClient client;
    static final String NS = "sit-run-ns";

    @TempDir
    Path features;

    @BeforeEach
    void pointTheStepsAtTheMockServer() {
        // The steps build their client from the standard configuration; system properties take precedence.
        System.setProperty(
                Config.KUBERNETES_MASTER_SYSTEM_PROPERTY,
                client.getConfiguration().getMasterUrl());
        System.setProperty(Config.KUBERNETES_TRUST_CERT_SYSTEM_PROPERTY, "true");
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
    }

    @AfterEach
    void clear() {
        System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
        System.clearProperty(Config.KUBERNETES_TRUST_CERT_SYSTEM_PROPERTY);
        System.clearProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
        System.clearProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY);
    }

    private static RunEnvironment inCluster() {
        return new RunEnvironment(new SitRun(), Map.of(), Map.of(), null, Optional.of(NS), Optional.empty());
    }

    @Test
    void aCronJobIsNeverTurnedIntoAJob() throws Exception {
        // The runner may not create Jobs (its Role has no such right): only the run's system Deployments start.
        client.batch()
                .v1()
                .cronjobs()
                .inNamespace(NS)
                .resource(new CronJobBuilder()
                        .withNewMetadata()
                        .withName("product-1")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .withSchedule("0 0 1 1 *")
                        .withNewJobTemplate()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("job")
                        .withImage("example/product-1:1")
                        .endContainer()
                        .withRestartPolicy("Never")
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .endJobTemplate()
                        .endSpec()
                        .build())
                .create();
        TestEnv.write(features, "cron.feature", """
                Feature: cron
                  Scenario: batch product
                    When k8s job started: product_1
                """);

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(inCluster(), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("JobNotFound");
        assertThat(result.getMessage()).contains("no system (Deployment) named 'product-1'");
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void unknownWorkloadIsAnError() throws Exception {
        TestEnv.write(features, "none.feature", """
                Feature: none
                  Scenario: nothing to start
                    When glue job started: no_such_product
                """);
        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(inCluster(), features, null);
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("JobNotFound");
        assertThat(result.getMessage())
                .contains("none.feature:3")
                .contains("no-such-product")
                .contains(NS);
    }

    @Test
    void deploymentIsScaledUp() throws Exception {
        client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName("product-2")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(0)
                        .withNewSelector()
                        .addToMatchLabels("app", "product-2")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "product-2")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("app")
                        .withImage("example/product-2:1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        TestEnv.write(features, "deploy.feature", """
                Feature: deploy
                  Scenario: streaming product
                    When streaming job started: product_2
                """);
        // Plays the Deployment controller: reports the scaled-up replica as available.
        CompletableFuture<Deployment> ready = CompletableFuture.supplyAsync(() -> {
            Deployment d = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> client.apps()
                                    .deployments()
                                    .inNamespace(NS)
                                    .withName("product-2")
                                    .get(),
                            x -> x.getSpec().getReplicas() != null
                                    && x.getSpec().getReplicas() >= 1);
            d.setStatus(new DeploymentStatusBuilder()
                    .withReplicas(1)
                    .withReadyReplicas(1)
                    .withAvailableReplicas(1)
                    .withUpdatedReplicas(1)
                    .withObservedGeneration(d.getMetadata().getGeneration())
                    .build());
            return client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
        });

        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(inCluster(), features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(ready.get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(List.of(client.apps()
                        .deployments()
                        .inNamespace(NS)
                        .withName("product-2")
                        .get()
                        .getSpec()
                        .getReplicas()))
                .containsExactly(1);
    }
}
