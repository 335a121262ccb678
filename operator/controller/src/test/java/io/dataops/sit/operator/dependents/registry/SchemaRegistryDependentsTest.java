package io.dataops.sit.operator.dependents.registry;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.SchemaRegistrySpec;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.ConnectionEnv;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's Deployment and Service inside a real JOSDK operator against the CRUD mock server, with the admin's
 * image from sit.schema-registry.image: made in the run namespace when spec.schemaRegistry.enabled, under Pod
 * Security restricted, probed on the management port; removed when the run no longer asks for it; and the URL the
 * runner and systems get points at that Service.
 */
@EnableKubernetesMockClient(crud = true)
class SchemaRegistryDependentsTest {

    static final String IMAGE = "registry.example.com/platform/apicurio-registry:3.3.3";

    KubernetesClient client;
    Operator operator;

    @Workflow(
            explicitInvocation = true,
            dependents = {
                @Dependent(name = "registry-svc", type = SchemaRegistryServiceDependent.class),
                @Dependent(name = "registry", type = SchemaRegistryDeploymentDependent.class),
                @Dependent(name = "sys", type = SystemDeploymentDependent.class),
            })
    // JOSDK's @Ignore, not JUnit's (nothing is skipped): QOSDK does not register this test reconciler in the operator.
    // qualified: so that nobody reads it as JUnit's
    @io.javaoperatorsdk.operator.api.reconciler.Ignore
    @ControllerConfiguration(name = "schema-registry-test")
    public static class TestReconciler implements Reconciler<SitRun> {
        @Override
        public UpdateControl<SitRun> reconcile(SitRun resource, Context<SitRun> context) {
            RunSettings.of(Map.of("sit.schema-registry.image", IMAGE)).storeIn(context);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            return UpdateControl.noUpdate();
        }
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.stop();
        }
    }

    @Test
    void aRunAskingForARegistryGetsItsDeploymentAndServiceAndLosesThemWhenItNoLongerAsks() {
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false));
        operator.register(new TestReconciler());
        operator.start();

        SitRun run = run("orders");
        run.getMetadata().setResourceVersion(null);
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN)));
        run.getSpec().setSystems(List.of(system("consumer")));
        run.getSpec().setSchemaRegistry(new SchemaRegistrySpec(true));
        SitRun created = client.resource(run).create();
        String ns = RunNames.namespace(created);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.apps()
                            .deployments()
                            .inNamespace(ns)
                            .withName(SchemaRegistry.NAME)
                            .get())
                    .isNotNull();
            assertThat(client.services()
                            .inNamespace(ns)
                            .withName(SchemaRegistry.NAME)
                            .get())
                    .isNotNull();
        });

        Deployment registry = client.apps()
                .deployments()
                .inNamespace(ns)
                .withName(SchemaRegistry.NAME)
                .get();
        PodSpec pod = registry.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(IMAGE);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(container.getReadinessProbe().getHttpGet().getPort().getIntVal())
                .isEqualTo(SchemaRegistry.MANAGEMENT_PORT);
        // Pod Security restricted: non-root with a fixed uid, no escalation, no capabilities, RuntimeDefault seccomp
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(185L);
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        Service service =
                client.services().inNamespace(ns).withName(SchemaRegistry.NAME).get();
        assertThat(service.getSpec().getSelector())
                .isEqualTo(registry.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(SchemaRegistry.PORT));

        // the system under test gets the registry's URL in its environment, pointing at that Service
        Deployment consumer =
                client.apps().deployments().inNamespace(ns).withName("consumer").get();
        String url = "http://sit-schema-registry." + ns + ".svc:8080/apis/ccompat/v7";
        assertThat(TestRuns.env(consumer.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv()))
                .containsEntry("SCHEMA_REGISTRY_URL", url)
                .containsEntry("SIT_SCHEMA_REGISTRY_URL", url);

        SitRun without = client.resources(SitRun.class)
                .inNamespace(created.getMetadata().getNamespace())
                .withName("orders")
                .edit(r -> {
                    r.getSpec().setSchemaRegistry(new SchemaRegistrySpec(false));
                    return r;
                });
        assertThat(without.getSpec().schemaRegistryEnabled()).isFalse();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(client.apps()
                            .deployments()
                            .inNamespace(ns)
                            .withName(SchemaRegistry.NAME)
                            .get())
                    .isNull();
            assertThat(client.services()
                            .inNamespace(ns)
                            .withName(SchemaRegistry.NAME)
                            .get())
                    .isNull();
        });
    }

    @Test
    void aRunWithoutARegistryGetsNoObjectsAndNoVariable() {
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN)));

        assertThat(new SchemaRegistryDeploymentDependent().desiredByEntry(run, null))
                .isEmpty();
        assertThat(new SchemaRegistryServiceDependent().desiredByEntry(run, null))
                .isEmpty();
        assertThat(TestRuns.env(ConnectionEnv.forSystems(run, StrimziSupport.NOT_INSTALLED)))
                .doesNotContainKeys("SCHEMA_REGISTRY_URL", "SIT_SCHEMA_REGISTRY_URL");
    }
}
