package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.KafkaSpec;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SqlSeed;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.SitRunReconciler;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaStatefulSetDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaTopicsJobDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziDetector;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaTopicDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.metrics.RunMetrics;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Brokers, databases, seeds and systems through the whole lifecycle on the CRUD mock server: the builtin
 * and the Strimzi broker paths, Strimzi requested but absent, and a second operator instance joining
 * mid-run. Ordered: Strimzi is "installed" (discovery stubbed) only from the Strimzi test on.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnvironmentReconcileTest extends TenantRunsTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    RunSettings runSettings;

    String userNamespace() {
        String ns = tenantNamespace("env");
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("golden")
                        .endMetadata()
                        .addToData("schema.sql", "create table currency(code text);\n")
                        .build())
                .create();
        return ns;
    }

    SitRun apply(String namespace, String name, KafkaProvider provider, boolean withDatabaseAndSystem) {
        SitRun run = new SitRun();
        run.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        SitRunSpec spec = new SitRunSpec();
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        spec.setRunner(runner);
        KafkaSpec kafka = new KafkaSpec();
        kafka.setProvider(provider);
        TopicSpec topic = new TopicSpec();
        topic.setName("input_topic_1");
        kafka.setTopics(List.of(topic));
        spec.setBrokers(List.of(new BrokerSpec("events", kafka)));
        if (withDatabaseAndSystem) {
            DatabaseSpec db = new DatabaseSpec();
            db.setName("warehouse");
            SeedStep step = new SeedStep();
            SqlSeed sql = new SqlSeed();
            sql.setConfigMapRef(new ConfigMapKeyRef("golden", "schema.sql"));
            step.setSql(sql);
            db.setSeed(List.of(step));
            spec.setDatabases(List.of(db));
            SystemSpec system = new SystemSpec();
            system.setName("product-1");
            system.setImage("registry.example.com/product-1:1");
            spec.setSystems(List.of(system));
        }
        run.setSpec(spec);
        return client.resource(run).create();
    }

    static String seedPassed(long rows) {
        SeedResult seed = new SeedResult();
        seed.setDatabase("warehouse");
        seed.setOutcome(Outcome.PASSED);
        seed.setTotalRows(rows);
        return ResultCodec.write(seed);
    }

    @Test
    @Order(1)
    void builtinBrokerDatabaseSeedAndSystemWalkEveryPhase() {
        String ns = userNamespace();
        apply(ns, "orders", KafkaProvider.BUILTIN, true);
        SitRun provisioning = awaitPhase(ns, "orders", Phase.PROVISIONING);
        String runNs = provisioning.getStatus().getNamespace();

        String kafka = BuiltinKafkaStatefulSetDependent.getName("events");
        String postgres = PostgresStatefulSetDependent.getName("warehouse");
        eventually()
                .until(() -> client.apps()
                                        .statefulSets()
                                        .inNamespace(runNs)
                                        .withName(kafka)
                                        .get()
                                != null
                        && client.apps()
                                        .statefulSets()
                                        .inNamespace(runNs)
                                        .withName(postgres)
                                        .get()
                                != null);
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(runNs)
                        .withName(SeedJobDependent.getName("warehouse"))
                        .get())
                .isNull();

        cluster().markStatefulSetReady(runNs, kafka);
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(BuiltinKafkaTopicsJobDependent.getName("events"))
                                .get()
                        != null);
        cluster().markJobSucceeded(runNs, BuiltinKafkaTopicsJobDependent.getName("events"));
        eventually()
                .untilAsserted(() -> assertThat(get(ns, "orders").getStatus().getBrokers())
                        .singleElement()
                        .satisfies(b -> {
                            assertThat(b.isReady()).isTrue();
                            assertThat(b.getProvider()).isEqualTo("builtin");
                            assertThat(b.getBootstrapServers()).contains(runNs);
                        }));
        assertThat(get(ns, "orders").getStatus().getPhase()).isEqualTo(Phase.PROVISIONING);

        cluster().markStatefulSetReady(runNs, postgres);
        SitRun seeding = awaitPhase(ns, "orders", Phase.SEEDING);
        assertThat(seeding.getStatus().getDatabases())
                .singleElement()
                .satisfies(d -> assertThat(d.isReady()).isTrue());
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(SeedJobDependent.getName("warehouse"))
                                .get()
                        != null);
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(runNs)
                        .withName(SystemDeploymentDependent.getName("product-1"))
                        .get())
                .isNull();
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(runNs)
                        .withName(Constants.RUNNER_JOB_NAME)
                        .get())
                .isNull();

        cluster().writeSeedResult(runNs, "warehouse", seedPassed(1234));
        cluster().markJobSucceeded(runNs, SeedJobDependent.getName("warehouse"));
        eventually()
                .until(() -> client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName(SystemDeploymentDependent.getName("product-1"))
                                .get()
                        != null);
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(runNs)
                        .withName(Constants.RUNNER_JOB_NAME)
                        .get())
                .isNull();
        cluster().markDeploymentAvailable(runNs, SystemDeploymentDependent.getName("product-1"));

        SitRun testing = awaitPhase(ns, "orders", Phase.TESTING);
        assertThat(testing.getStatus().getDatabases().get(0).getSeededRows()).isEqualTo(1234L);
        assertThat(testing.getStatus().getSystems())
                .singleElement()
                .satisfies(s -> assertThat(s.isReady()).isTrue());
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        != null);
        var env = client.batch()
                .v1()
                .jobs()
                .inNamespace(runNs)
                .withName(Constants.RUNNER_JOB_NAME)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv();
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS);
            assertThat(e.getValue()).contains(runNs);
        });
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo(RunContract.databaseEnv("warehouse", "PASSWORD"));
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull();
        });

        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        SitRun done = awaitPhase(ns, "orders", Phase.SUCCEEDED);
        assertThat(done.getStatus().getResults().getPassed()).isEqualTo("3/3");
        eventually()
                .untilAsserted(() -> assertThat(
                                client.v1().events().inNamespace(ns).list().getItems())
                        .extracting(e -> e.getReason())
                        .contains("Pending", "Succeeded")
                        .as("Events mark what a person should notice, not every phase")
                        .doesNotContain("Provisioning", "Seeding", "Testing"));
    }

    @Test
    @Order(2)
    void secondOperatorJoiningMidRunCreatesNoDuplicates() {
        String ns = userNamespace();
        apply(ns, "twice", KafkaProvider.BUILTIN, true);
        String runNs = awaitPhase(ns, "twice", Phase.PROVISIONING).getStatus().getNamespace();
        eventually()
                .until(() -> client.apps()
                                .statefulSets()
                                .inNamespace(runNs)
                                .list()
                                .getItems()
                                .size()
                        == 2);

        Operator second = new Operator(o -> o.withKubernetesClient(client)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false));
        second.register(new SitRunReconciler(new RunMetrics(new SimpleMeterRegistry()), runSettings));
        second.start();
        try {
            cluster().markStatefulSetReady(runNs, BuiltinKafkaStatefulSetDependent.getName("events"));
            cluster().markStatefulSetReady(runNs, PostgresStatefulSetDependent.getName("warehouse"));
            eventually()
                    .until(() -> client.batch()
                                    .v1()
                                    .jobs()
                                    .inNamespace(runNs)
                                    .withName(BuiltinKafkaTopicsJobDependent.getName("events"))
                                    .get()
                            != null);
            cluster().markJobSucceeded(runNs, BuiltinKafkaTopicsJobDependent.getName("events"));
            eventually()
                    .until(() -> client.batch()
                                    .v1()
                                    .jobs()
                                    .inNamespace(runNs)
                                    .withName(SeedJobDependent.getName("warehouse"))
                                    .get()
                            != null);
            cluster().writeSeedResult(runNs, "warehouse", seedPassed(10));
            cluster().markJobSucceeded(runNs, SeedJobDependent.getName("warehouse"));
            eventually()
                    .until(() -> client.apps()
                                    .deployments()
                                    .inNamespace(runNs)
                                    .withName(SystemDeploymentDependent.getName("product-1"))
                                    .get()
                            != null);
            cluster().markDeploymentAvailable(runNs, SystemDeploymentDependent.getName("product-1"));
            eventually()
                    .until(() -> client.batch()
                                    .v1()
                                    .jobs()
                                    .inNamespace(runNs)
                                    .withName(Constants.RUNNER_JOB_NAME)
                                    .get()
                            != null);
        } finally {
            second.stop();
        }
        // the first operator alone finishes the run
        cluster().writeRunnerResult(runNs, ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        awaitPhase(ns, "twice", Phase.SUCCEEDED);

        assertThat(client.namespaces().withLabel(Labels.RUN, "twice").list().getItems())
                .hasSize(1);
        assertThat(client.apps().statefulSets().inNamespace(runNs).list().getItems())
                .hasSize(2);
        assertThat(client.batch().v1().jobs().inNamespace(runNs).list().getItems())
                .extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        Constants.RUNNER_JOB_NAME,
                        SeedJobDependent.getName("warehouse"),
                        BuiltinKafkaTopicsJobDependent.getName("events"));
        assertThat(client.apps().deployments().inNamespace(runNs).list().getItems())
                .hasSize(1);
        assertThat(client.secrets().inNamespace(runNs).list().getItems()).hasSize(1);
        assertThat(client.configMaps().inNamespace(runNs).list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "features",
                        "golden",
                        RunContract.RUN_CONFIGMAP,
                        RunContract.RESULTS_CONFIGMAP,
                        RunContract.REPORTS_CONFIGMAP);
    }

    @Test
    @Order(3)
    void failedSeedGateIsAnErrorAndNothingElseStarts() {
        String ns = userNamespace();
        apply(ns, "gate", KafkaProvider.BUILTIN, true);
        String runNs = awaitPhase(ns, "gate", Phase.PROVISIONING).getStatus().getNamespace();
        eventually()
                .until(() -> client.apps()
                                .statefulSets()
                                .inNamespace(runNs)
                                .list()
                                .getItems()
                                .size()
                        == 2);
        cluster().markStatefulSetReady(runNs, BuiltinKafkaStatefulSetDependent.getName("events"));
        cluster().markStatefulSetReady(runNs, PostgresStatefulSetDependent.getName("warehouse"));
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(BuiltinKafkaTopicsJobDependent.getName("events"))
                                .get()
                        != null);
        cluster().markJobSucceeded(runNs, BuiltinKafkaTopicsJobDependent.getName("events"));
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(SeedJobDependent.getName("warehouse"))
                                .get()
                        != null);
        SeedResult seed = new SeedResult();
        seed.setDatabase("warehouse");
        seed.setOutcome(Outcome.FAILED);
        seed.setReason("GateFailed");
        seed.setGates(List.of(new SeedResult.GateResult("currency has at least 10 rows", false, "found 3")));
        cluster().writeSeedResult(runNs, "warehouse", ResultCodec.write(seed));
        cluster().markJobFailed(runNs, SeedJobDependent.getName("warehouse"), "BackoffLimitExceeded");
        SitRun error = awaitPhase(ns, "gate", Phase.ERROR);
        assertThat(error.getStatus().getReason()).isEqualTo("GateFailed");
        assertThat(error.getStatus().getMessage()).contains("currency has at least 10 rows");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> client.batch()
                                        .v1()
                                        .jobs()
                                        .inNamespace(runNs)
                                        .withName(Constants.RUNNER_JOB_NAME)
                                        .get()
                                == null
                        && client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .list()
                                .getItems()
                                .isEmpty());
    }

    @Test
    @Order(4)
    void strimziRequestedButAbsentIsAnError() {
        String ns = userNamespace();
        apply(ns, "nostrimzi", KafkaProvider.STRIMZI, false);
        SitRun error = awaitPhase(ns, "nostrimzi", Phase.ERROR);
        assertThat(error.getStatus().getReason()).isEqualTo("StrimziNotInstalled");
    }

    @Test
    @Order(5)
    void strimziBrokerIsReadyWhenStrimziSaysSo() {
        server.expect()
                .get()
                .withPath(StrimziDetector.DISCOVERY_PATH)
                .andReturn(
                        200,
                        new APIResourceListBuilder()
                                .withGroupVersion(StrimziDetector.GROUP_VERSION)
                                .addToResources(
                                        resource("kafkas", "Kafka"),
                                        resource("kafkanodepools", "KafkaNodePool"),
                                        resource("kafkatopics", "KafkaTopic"))
                                .build())
                .always();
        StrimziDetector.forClient(client).invalidate();
        String ns = userNamespace();
        apply(ns, "strimzi", KafkaProvider.STRIMZI, true);
        String runNs = awaitPhase(ns, "strimzi", Phase.PROVISIONING).getStatus().getNamespace();
        String kafka = StrimziKafkaDependent.getName("events");
        String topic = StrimziKafkaTopicDependent.getName("events", "input_topic_1");
        eventually()
                .until(() -> client.resources(Kafka.class)
                                .inNamespace(runNs)
                                .withName(kafka)
                                .get()
                        != null);
        assertThat(client.apps().statefulSets().inNamespace(runNs).list().getItems())
                .extracting(s -> s.getMetadata().getName())
                .containsExactly(PostgresStatefulSetDependent.getName("warehouse"));
        cluster().markStrimziReady(runNs, "kafkas", kafka);
        eventually()
                .until(() -> client.resources(KafkaTopic.class)
                                .inNamespace(runNs)
                                .withName(topic)
                                .get()
                        != null);
        assertThat(get(ns, "strimzi").getStatus().getPhase()).isEqualTo(Phase.PROVISIONING);
        cluster().markStatefulSetReady(runNs, PostgresStatefulSetDependent.getName("warehouse"));
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(SeedJobDependent.getName("warehouse"))
                                .get()
                        != null);
        cluster().writeSeedResult(runNs, "warehouse", seedPassed(5));
        cluster().markJobSucceeded(runNs, SeedJobDependent.getName("warehouse"));
        // seeded, Kafka Ready, but its KafkaTopic not yet: the systems must not start
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> client.apps()
                        .deployments()
                        .inNamespace(runNs)
                        .list()
                        .getItems()
                        .isEmpty());
        cluster().markStrimziReady(runNs, "kafkatopics", topic);
        eventually()
                .until(() -> client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName(SystemDeploymentDependent.getName("product-1"))
                                .get()
                        != null);
        cluster().markDeploymentAvailable(runNs, SystemDeploymentDependent.getName("product-1"));
        SitRun testing = awaitPhase(ns, "strimzi", Phase.TESTING);
        assertThat(testing.getStatus().getBrokers()).singleElement().satisfies(b -> {
            assertThat(b.getProvider()).isEqualTo("strimzi");
            assertThat(b.isReady()).isTrue();
        });
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        != null);
    }

    @Test
    @Order(6)
    void aPodThePodSecurityAdmissionRefusesEndsTheRunAtOnce() {
        String ns = userNamespace();
        apply(ns, "forbidden", KafkaProvider.BUILTIN, true);
        String runNs =
                awaitPhase(ns, "forbidden", Phase.PROVISIONING).getStatus().getNamespace();
        String postgres = PostgresStatefulSetDependent.getName("warehouse");
        eventually()
                .until(() -> client.apps()
                                .statefulSets()
                                .inNamespace(runNs)
                                .withName(postgres)
                                .get()
                        != null);
        cluster()
                .podCreationRefused(
                        runNs,
                        "StatefulSet",
                        postgres,
                        "create Pod " + postgres + "-0 in StatefulSet "
                                + postgres + " failed error: pods \"" + postgres
                                + "-0\" is forbidden: violates PodSecurity "
                                + "\"restricted:latest\": runAsNonRoot != true");
        SitRun error = awaitPhase(ns, "forbidden", Phase.ERROR);
        assertThat(error.getStatus().getReason()).isEqualTo("PodCreationFailed");
        assertThat(error.getStatus().getMessage())
                .startsWith("StatefulSet " + postgres + " cannot create its pods")
                .contains("violates PodSecurity");
    }

    @Test
    @Order(7)
    void aKafkaVersionStrimziDoesNotSupportIsAnErrorNotATimeout() {
        String ns = userNamespace();
        apply(ns, "oldkafka", KafkaProvider.STRIMZI, false);
        String runNs =
                awaitPhase(ns, "oldkafka", Phase.PROVISIONING).getStatus().getNamespace();
        String kafka = StrimziKafkaDependent.getName("events");
        eventually()
                .until(() -> client.resources(Kafka.class)
                                .inNamespace(runNs)
                                .withName(kafka)
                                .get()
                        != null);
        cluster()
                .markStrimziKafkaRejected(
                        runNs,
                        kafka,
                        "UnsupportedKafkaVersionException",
                        "Unsupported Kafka.spec.kafka.version: 4.1.0. Supported versions are: [4.2.0, 4.3.0]");
        SitRun error = awaitPhase(ns, "oldkafka", Phase.ERROR);
        assertThat(error.getStatus().getReason()).isEqualTo("KafkaRejected");
        assertThat(error.getStatus().getMessage()).contains("Supported versions are: [4.2.0, 4.3.0]");
    }

    static APIResource resource(String plural, String kind) {
        return new APIResourceBuilder()
                .withName(plural)
                .withKind(kind)
                .withNamespaced(true)
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                .build();
    }
}
