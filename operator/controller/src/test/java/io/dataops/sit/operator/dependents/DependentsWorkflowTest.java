package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaServiceDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaStatefulSetDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresSecretDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresServiceDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.dependents.systems.SystemServiceDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dependents inside a real JOSDK 5.2.1 operator (plain, not Quarkus) against the CRUD mock server: objects
 * land in the run namespace without owner references, map back to the SitRun, and further reconciles neither
 * rewrite them nor regenerate the password. (No SSA: the mock server does not implement it.)
 */
@EnableKubernetesMockClient(crud = true)
class DependentsWorkflowTest {

    KubernetesClient client;
    Operator operator;

    static final AtomicInteger RECONCILES = new AtomicInteger();

    // Explicit invocation, as SitRunReconciler: the settings go into the context before the dependents run.
    @Workflow(
            explicitInvocation = true,
            dependents = {
                @Dependent(name = "kafka-sts", type = BuiltinKafkaStatefulSetDependent.class),
                @Dependent(name = "kafka-svc", type = BuiltinKafkaServiceDependent.class),
                @Dependent(name = "pg-secret", type = PostgresSecretDependent.class),
                @Dependent(name = "pg-sts", type = PostgresStatefulSetDependent.class, dependsOn = "pg-secret"),
                @Dependent(name = "pg-svc", type = PostgresServiceDependent.class),
                @Dependent(name = "sys", type = SystemDeploymentDependent.class),
                @Dependent(name = "sys-svc", type = SystemServiceDependent.class),
                @Dependent(name = "runner-role", type = RunnerRoleDependent.class),
            })
    // JOSDK's @Ignore, not JUnit's (nothing is skipped): QOSDK does not register this test reconciler in the operator.
    // qualified: so that nobody reads it as JUnit's
    @io.javaoperatorsdk.operator.api.reconciler.Ignore
    @ControllerConfiguration(name = "dependents-test")
    public static class TestReconciler implements Reconciler<SitRun> {
        @Override
        public UpdateControl<SitRun> reconcile(SitRun resource, Context<SitRun> context) {
            RECONCILES.incrementAndGet();
            RunSettings.defaults().storeIn(context);
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
    void objectsAreCreatedInTheRunNamespaceAndLeftAloneAfterwards() {
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false));
        operator.register(new TestReconciler());
        operator.start();

        SitRun run = run("orders");
        run.getMetadata().setResourceVersion(null);
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN)));
        run.getSpec().setDatabases(List.of(database("warehouse")));
        run.getSpec().setSystems(List.of(system("product-1", 8080), system("worker")));
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        runner.setFaults(true);
        run.getSpec().setRunner(runner);
        SitRun created = client.resource(run).create();
        String ns = RunNames.namespace(created);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(names(client.apps().statefulSets().inNamespace(ns).list().getItems()))
                    .containsExactlyInAnyOrder("events-kafka", "warehouse-postgres");
            assertThat(names(client.services().inNamespace(ns).list().getItems()))
                    .containsExactlyInAnyOrder("events-kafka", "warehouse-postgres", "product-1");
            assertThat(names(client.apps().deployments().inNamespace(ns).list().getItems()))
                    .containsExactlyInAnyOrder("product-1", "worker");
            assertThat(client.secrets()
                            .inNamespace(ns)
                            .withName("warehouse-postgres-credentials")
                            .get())
                    .isNotNull();
        });

        List<HasMetadata> all = Stream.of(
                        client.apps().statefulSets().inNamespace(ns).list().getItems(),
                        client.services().inNamespace(ns).list().getItems(),
                        client.apps().deployments().inNamespace(ns).list().getItems(),
                        client.secrets().inNamespace(ns).list().getItems())
                .flatMap(List::stream)
                .map(HasMetadata.class::cast)
                .toList();
        // Secrets are written with plain calls, without an informer, so they need no mapping back to the SitRun.
        assertThat(all).filteredOn(o -> !(o instanceof Secret)).allSatisfy(o -> {
            assertThat(o.getMetadata().getOwnerReferences())
                    .as(o.getMetadata().getName())
                    .isEmpty();
            assertThat(o.getMetadata().getAnnotations())
                    .containsEntry(Mappers.DEFAULT_ANNOTATION_FOR_NAME, "orders")
                    .containsEntry(Mappers.DEFAULT_ANNOTATION_FOR_NAMESPACE, "team-a");
        });
        Map<String, String> versions = versions(all);
        String password = client.secrets()
                .inNamespace(ns)
                .withName("warehouse-postgres-credentials")
                .get()
                .getData()
                .get("password");

        // An event on one object reconciles the whole workflow again (the SitRun is found through the annotations).
        int before = RECONCILES.get();
        client.services().inNamespace(ns).withName("product-1").edit(s -> {
            s.getMetadata().getLabels().put("touched", "yes");
            return s;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> RECONCILES.get() > before);

        Secret secret = client.secrets()
                .inNamespace(ns)
                .withName("warehouse-postgres-credentials")
                .get();
        assertThat(secret.getData().get("password")).isEqualTo(password);
        StatefulSet kafka = client.apps()
                .statefulSets()
                .inNamespace(ns)
                .withName("events-kafka")
                .get();
        Deployment worker =
                client.apps().deployments().inNamespace(ns).withName("worker").get();
        Service pgService =
                client.services().inNamespace(ns).withName("warehouse-postgres").get();
        assertThat(kafka.getMetadata().getResourceVersion()).isEqualTo(versions.get("StatefulSet/events-kafka"));
        assertThat(worker.getMetadata().getResourceVersion()).isEqualTo(versions.get("Deployment/worker"));
        assertThat(pgService.getMetadata().getResourceVersion()).isEqualTo(versions.get("Service/warehouse-postgres"));
        assertThat(secret.getMetadata().getResourceVersion())
                .isEqualTo(versions.get("Secret/warehouse-postgres-credentials"));

        // The runner scales systems ("job started" steps); the operator must not scale them back.
        int beforeScale = RECONCILES.get();
        client.apps().deployments().inNamespace(ns).withName("worker").edit(d -> {
            d.getSpec().setReplicas(3);
            return d;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> RECONCILES.get() > beforeScale);
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("worker")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(3);

        // The fault steps scale the broker to 0 (spec.runner.faults): the outage stands until the runner restores
        // it, whatever reconciles in between.
        int beforeFaults = RECONCILES.get();
        client.apps().statefulSets().inNamespace(ns).withName("events-kafka").scale(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> RECONCILES.get() > beforeFaults);
        client.services().inNamespace(ns).withName("product-1").edit(s -> {
            s.getMetadata().getLabels().put("touched", "again");
            return s;
        });
        int afterTouch = RECONCILES.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> RECONCILES.get() > afterTouch);
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(ns)
                        .withName("events-kafka")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isZero();
    }

    @Test
    void aRunThatOptsInToFaultsLetsItsRunnerScaleItsOwnBuiltinBrokerByName() {
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false));
        operator.register(new TestReconciler());
        operator.start();

        SitRun run = run("faulty");
        run.getMetadata().setResourceVersion(null);
        run.getSpec()
                .setBrokers(List.of(broker("events", KafkaProvider.BUILTIN), broker("audit", KafkaProvider.STRIMZI)));
        run.getSpec().setDatabases(List.of(database("warehouse")));
        run.getSpec().setSystems(List.of(system("worker")));
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        runner.setFaults(true);
        run.getSpec().setRunner(runner);
        String ns = RunNames.namespace(client.resource(run).create());

        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        client.rbac().roles().inNamespace(ns).list().getItems().size() == 1);
        Role role = client.rbac().roles().inNamespace(ns).list().getItems().get(0);
        assertThat(role.getRules())
                .map(r -> String.join(",", r.getApiGroups()) + "/" + String.join(",", r.getResources()) + " "
                        + r.getResourceNames() + " " + String.join(",", r.getVerbs()))
                .contains(
                        "apps/statefulsets [events-kafka] get",
                        "apps/statefulsets/scale [events-kafka] get,patch,update",
                        "apps/deployments/scale [worker] get,patch,update")
                .noneMatch(r -> r.contains("audit") || r.contains("warehouse"));
        assertThat(role.getRules())
                .allSatisfy(r -> assertThat(r.getResourceNames()).isNotEmpty());
    }

    private static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).toList();
    }

    private static Map<String, String> versions(List<HasMetadata> items) {
        return items.stream()
                .collect(Collectors.toMap(
                        i -> i.getKind() + "/" + i.getMetadata().getName(),
                        i -> i.getMetadata().getResourceVersion()));
    }
}
