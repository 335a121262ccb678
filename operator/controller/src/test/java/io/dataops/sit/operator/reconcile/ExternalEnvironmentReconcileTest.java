package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.ExternalCredentials;
import io.dataops.sit.api.v1alpha1.spec.ExternalKafka;
import io.dataops.sit.api.v1alpha1.spec.ExternalPostgres;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.status.NotIsolatedStatus;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.dependents.ExternalEgressPolicyDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresSecretDependent;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A run against an existing broker and database (spec.brokers[].external, spec.databases[].external) under an admin
 * who allows one shared Kafka and one shared PostgreSQL (sit.isolation.external.allowed): nothing is provisioned
 * for them, the pods get their addresses and the tenant's credentials by reference, the run's NetworkPolicy opens
 * exactly the admin's blocks for them, status says what is shared; an endpoint outside the admin's list ends the
 * run before anything exists.
 */
@QuarkusTest
@TestProfile(ExternalEnvironmentReconcileTest.SharedServices.class)
@WithKubernetesTestServer(crud = true)
class ExternalEnvironmentReconcileTest extends TenantRunsTest {

    static final String BOOTSTRAP = "kafka-0.shared.example.com:9092,kafka-1.shared.example.com:9093";
    static final String JDBC_URL = "jdbc:postgresql://pg.shared.example.com:5432/orders";
    static final String PASSWORD = "s3cret-shared-db-password";

    public static class SharedServices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sit.isolation.external.allowed",
                    "*.shared.example.com:9092-9094=10.20.0.0/16,pg.shared.example.com:5432=10.30.1.5/32");
        }
    }

    static Consumer<SitRunSpec> external(String bootstrap, String jdbcUrl) {
        return spec -> {
            spec.setBrokers(List.of(externalBroker("main", bootstrap)));
            DatabaseSpec db = new DatabaseSpec();
            db.setName("orders");
            db.setExternal(new ExternalPostgres(jdbcUrl, new ExternalCredentials("shared-db", null, "pw")));
            spec.setDatabases(List.of(db));
            SystemSpec system = new SystemSpec();
            system.setName("product-1");
            system.setImage("registry.example.com/product-1:1");
            spec.setSystems(List.of(system));
        };
    }

    static BrokerSpec externalBroker(String name, String bootstrap) {
        BrokerSpec broker = new BrokerSpec();
        broker.setName(name);
        broker.setExternal(new ExternalKafka(bootstrap));
        return broker;
    }

    void sharedDbSecret(String ns) {
        client.secrets()
                .inNamespace(ns)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("shared-db")
                        .endMetadata()
                        .addToData("username", base64("orders_app"))
                        .addToData("pw", base64(PASSWORD))
                        .addToData("unrelated", base64("not-for-the-run"))
                        .build())
                .create();
    }

    @Test
    void externalBrokerAndDatabaseAreUsedWhereTheyAreAndStatusSaysWhatIsShared() {
        String ns = tenantNamespace("external");
        sharedDbSecret(ns);
        apply(ns, "shared", external(BOOTSTRAP, JDBC_URL));
        eventually()
                .until(() -> get(ns, "shared").getStatus() != null
                        && get(ns, "shared").getStatus().getNamespace() != null);
        String runNs = get(ns, "shared").getStatus().getNamespace();

        // The seed Job runs at once against the external database: no server to wait for.
        String seedJob = SeedJobDependent.getName("orders");
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(seedJob)
                                .get()
                        != null);
        Map<String, EnvVar> seedEnv = env(client.batch()
                .v1()
                .jobs()
                .inNamespace(runNs)
                .withName(seedJob)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv());
        assertThat(seedEnv.get("SIT_DB_ORDERS_HOST").getValue()).isEqualTo("pg.shared.example.com");
        assertThat(seedEnv.get("SIT_DB_ORDERS_PORT").getValue()).isEqualTo("5432");
        assertThat(seedEnv.get("SIT_DB_ORDERS_DATABASE").getValue()).isEqualTo("orders");
        assertThat(seedEnv.get("SIT_DB_ORDERS_JDBC_URL").getValue()).isEqualTo(JDBC_URL);
        assertThat(seedEnv.get("SIT_DB_ORDERS_USER").getValueFrom().getSecretKeyRef())
                .satisfies(ref -> {
                    assertThat(ref.getName()).isEqualTo("shared-db");
                    assertThat(ref.getKey()).isEqualTo("username");
                });
        assertThat(seedEnv.get("SIT_DB_ORDERS_PASSWORD").getValueFrom().getSecretKeyRef())
                .satisfies(ref -> {
                    assertThat(ref.getName()).isEqualTo("shared-db");
                    assertThat(ref.getKey()).isEqualTo("pw");
                });
        assertThat(seedEnv.get("SIT_KAFKA_MAIN_BOOTSTRAP_SERVERS").getValue()).isEqualTo(BOOTSTRAP);

        SeedResult seed = new SeedResult();
        seed.setDatabase("orders");
        seed.setOutcome(Outcome.PASSED);
        seed.setTotalRows(0L);
        cluster().writeSeedResult(runNs, "orders", ResultCodec.write(seed));
        cluster().markJobSucceeded(runNs, seedJob);
        String deployment = SystemDeploymentDependent.getName("product-1");
        eventually()
                .until(() -> client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName(deployment)
                                .get()
                        != null);
        cluster().markDeploymentAvailable(runNs, deployment);
        SitRun testing = awaitPhase(ns, "shared", Phase.TESTING);

        // Nothing provisioned for either: no StatefulSet, no topics Job, no generated credentials, no Service.
        assertThat(client.apps().statefulSets().inNamespace(runNs).list().getItems())
                .isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace(runNs).list().getItems())
                .extracting(j -> j.getMetadata().getName())
                .doesNotContain("main-topics");
        assertThat(client.secrets()
                        .inNamespace(runNs)
                        .withName(PostgresSecretDependent.getName("orders"))
                        .get())
                .isNull();
        assertThat(client.services().inNamespace(runNs).list().getItems())
                .extracting(s -> s.getMetadata().getName())
                .noneMatch(n -> n.startsWith("orders") || n.startsWith("main"));

        // The tenant's Secret is copied key by key: only the two keys the database names.
        Secret copy = client.secrets().inNamespace(runNs).withName("shared-db").get();
        assertThat(copy.getData()).containsOnlyKeys("username", "pw");

        // The system gets the same addresses.
        Map<String, EnvVar> systemEnv = env(client.apps()
                .deployments()
                .inNamespace(runNs)
                .withName(deployment)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv());
        assertThat(systemEnv.get("KAFKA_BOOTSTRAP_SERVERS").getValue()).isEqualTo(BOOTSTRAP);
        assertThat(systemEnv
                        .get("SIT_DB_ORDERS_PASSWORD")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo("shared-db");

        // Egress: exactly the admin's entries the endpoints fell under, for runner, seed and systems.
        NetworkPolicy egress = client.network()
                .networkPolicies()
                .inNamespace(runNs)
                .withName(ExternalEgressPolicyDependent.NAME)
                .get();
        assertThat(egress.getSpec().getPodSelector().getMatchExpressions())
                .singleElement()
                .satisfies(e -> assertThat(e.getValues())
                        .containsExactlyInAnyOrder(
                                Constants.COMPONENT_RUNNER, Constants.COMPONENT_SEED, Constants.COMPONENT_SYSTEM));
        List<NetworkPolicyEgressRule> rules = egress.getSpec().getEgress();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getTo())
                .singleElement()
                .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("10.20.0.0/16"));
        assertThat(rules.get(0).getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(new IntOrString(9092));
            assertThat(p.getEndPort()).isEqualTo(9094);
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
        assertThat(rules.get(1).getTo())
                .singleElement()
                .satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("10.30.1.5/32"));
        assertThat(rules.get(1).getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(new IntOrString(5432));
            assertThat(p.getEndPort()).isNull();
        });

        // Status: the broker and database are external and ready, and what is shared is said.
        assertThat(testing.getStatus().getBrokers()).singleElement().satisfies(b -> {
            assertThat(b.getProvider()).isEqualTo("external");
            assertThat(b.getBootstrapServers()).isEqualTo(BOOTSTRAP);
            assertThat(b.isReady()).isTrue();
        });
        assertThat(testing.getStatus().getDatabases()).singleElement().satisfies(d -> {
            assertThat(d.getHost()).isEqualTo("pg.shared.example.com");
            assertThat(d.getSecretName()).isEqualTo("shared-db");
            assertThat(d.isReady()).isTrue();
        });
        assertThat(testing.getStatus().getNotIsolated())
                .extracting(NotIsolatedStatus::getKind, NotIsolatedStatus::getName, NotIsolatedStatus::getEndpoint)
                .containsExactly(
                        tuple(NotIsolatedStatus.KIND_BROKER, "main", BOOTSTRAP),
                        tuple(NotIsolatedStatus.KIND_DATABASE, "orders", "pg.shared.example.com:5432/orders"));
        assertThat(testing.getStatus().getNotIsolated().get(0).getMessage())
                .contains("topics and consumer groups are shared");
        assertThat(testing.getStatus().getNotIsolated().get(1).getMessage()).contains("not removed");
        assertThat(Serialization.asJson(testing.getStatus())).doesNotContain(PASSWORD);
        eventually()
                .untilAsserted(() -> assertThat(
                                client.v1().events().inNamespace(ns).list().getItems())
                        .anySatisfy(e -> {
                            assertThat(e.getReason()).isEqualTo("NotIsolated");
                            assertThat(e.getMessage()).contains("broker main is external");
                        }));
    }

    @Test
    void anEndpointOutsideTheAdminsListEndsTheRunBeforeAnythingIsCreated() {
        String ns = tenantNamespace("external");
        sharedDbSecret(ns);
        SitRun created = apply(ns, "elsewhere", external("kafka.other.example.com:9092", JDBC_URL));
        SitRun run = awaitPhase(ns, "elsewhere", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo(RunReason.EXTERNAL_ENDPOINT_NOT_ALLOWED.value());
        assertThat(run.getStatus().getMessage())
                .contains("spec.brokers[main].external.bootstrapServers kafka.other.example.com:9092")
                .contains("sit.isolation.external.allowed");
        assertThat(client.namespaces().withName(RunNames.namespace(created)).get())
                .isNull();
    }

    @Test
    void anAllowedHostOnAnotherPortIsRefusedToo() {
        String ns = tenantNamespace("external");
        sharedDbSecret(ns);
        SitRun created =
                apply(ns, "otherport", external(BOOTSTRAP, "jdbc:postgresql://pg.shared.example.com:5433/orders"));
        SitRun run = awaitPhase(ns, "otherport", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo(RunReason.EXTERNAL_ENDPOINT_NOT_ALLOWED.value());
        assertThat(run.getStatus().getMessage())
                .contains("spec.databases[orders].external.jdbcUrl pg.shared.example.com:5433");
        assertThat(client.namespaces().withName(RunNames.namespace(created)).get())
                .isNull();
    }

    static Map<String, EnvVar> env(List<EnvVar> env) {
        return env.stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b));
    }

    static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
