package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaServiceDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaStatefulSetDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaTopicsJobDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresSecretDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The readyPostconditions gate the Jobs in a real JOSDK workflow: the topics Job appears only once the broker's
 * StatefulSet reports ready, the seed Job only once the database's does.
 */
@EnableKubernetesMockClient(crud = true)
class GatedJobsWorkflowTest {

    KubernetesClient client;
    Operator operator;

    static final AtomicInteger RECONCILES = new AtomicInteger();

    // Explicit invocation, as SitRunReconciler: the settings go into the context before the dependents run.
    @Workflow(
            explicitInvocation = true,
            dependents = {
                @Dependent(
                        name = "kafka-sts",
                        type = BuiltinKafkaStatefulSetDependent.class,
                        readyPostcondition = EntriesReadyCondition.class),
                @Dependent(name = "kafka-svc", type = BuiltinKafkaServiceDependent.class),
                @Dependent(
                        name = "topics",
                        type = BuiltinKafkaTopicsJobDependent.class,
                        dependsOn = {"kafka-sts", "kafka-svc"},
                        readyPostcondition = EntriesReadyCondition.class),
                @Dependent(name = "pg-secret", type = PostgresSecretDependent.class),
                @Dependent(
                        name = "pg-sts",
                        type = PostgresStatefulSetDependent.class,
                        dependsOn = "pg-secret",
                        readyPostcondition = EntriesReadyCondition.class),
                @Dependent(
                        name = "seed",
                        type = SeedJobDependent.class,
                        dependsOn = "pg-sts",
                        readyPostcondition = EntriesReadyCondition.class),
            })
    // JOSDK's @Ignore, not JUnit's (nothing is skipped): QOSDK does not register this test reconciler in the operator.
    // qualified: so that nobody reads it as JUnit's
    @io.javaoperatorsdk.operator.api.reconciler.Ignore
    @ControllerConfiguration(name = "gated-jobs-test")
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
    void jobsWaitForTheirServers() {
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false));
        operator.register(new TestReconciler());
        operator.start();

        SitRun run = run("gated");
        run.getMetadata().setResourceVersion(null);
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN, "input_topic_1")));
        run.getSpec().setDatabases(List.of(database("warehouse")));
        String ns = RunNames.namespace(client.resource(run).create());

        // A workflow pass creates the StatefulSets and, were the gates broken, the Jobs too, before reconcile() runs.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> RECONCILES.get() > 0
                        && client.apps()
                                        .statefulSets()
                                        .inNamespace(ns)
                                        .list()
                                        .getItems()
                                        .size()
                                == 2);
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems())
                .as("no server ready yet")
                .isEmpty();

        markReady(ns, "events-kafka");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(ns)
                                .withName("events-topics")
                                .get()
                        != null);
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(ns)
                        .withName("warehouse-seed")
                        .get())
                .isNull();

        markReady(ns, "warehouse-postgres");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(ns)
                                .withName("warehouse-seed")
                                .get()
                        != null);
        Job seed = client.batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .withName("warehouse-seed")
                .get();
        assertThat(seed.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("seed", "--database", "warehouse");
        assertThat(seed.getMetadata().getOwnerReferences()).isEmpty();
    }

    private void markReady(String ns, String name) {
        StatefulSet sts =
                client.apps().statefulSets().inNamespace(ns).withName(name).get();
        sts.setStatus(new StatefulSetStatusBuilder()
                .withReplicas(1)
                .withReadyReplicas(1)
                .build());
        client.apps().statefulSets().inNamespace(ns).resource(sts).updateStatus();
    }
}
