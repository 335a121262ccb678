package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.env;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.operator.aws.AwsNames;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionEnvTest {

    private SitRun orders() {
        SitRun run = run("orders-pr-42");
        run.getSpec()
                .setBrokers(List.of(
                        broker("events", KafkaProvider.AUTO, "input_topic_1"),
                        broker("audit-log", KafkaProvider.STRIMZI)));
        run.getSpec().setDatabases(List.of(database("warehouse")));
        return run;
    }

    @Test
    void runBrokerAndDatabaseVariablesWithoutStrimzi() {
        SitRun run = orders();
        String ns = RunNames.namespace(run);
        List<EnvVar> env = ConnectionEnv.forSystems(run, StrimziSupport.NOT_INSTALLED);
        Map<String, String> values = env(env);

        assertThat(values)
                .containsEntry("SIT_RUN_NAME", "orders-pr-42")
                .containsEntry("SIT_RUN_NAMESPACE", ns)
                .containsEntry("SIT_CONFIGMAPS_DIR", "/sit/configmaps")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "events-kafka." + ns + ".svc:9092")
                .containsEntry("SIT_KAFKA_EVENTS_BOOTSTRAP_SERVERS", "events-kafka." + ns + ".svc:9092")
                .containsEntry("SIT_DB_WAREHOUSE_HOST", "warehouse-postgres." + ns + ".svc")
                .containsEntry("SIT_DB_WAREHOUSE_PORT", "5432")
                .containsEntry("SIT_DB_WAREHOUSE_DATABASE", "warehouse")
                .containsEntry("SIT_DB_WAREHOUSE_USER", "sit")
                .containsEntry(
                        "SIT_DB_WAREHOUSE_JDBC_URL",
                        "jdbc:postgresql://warehouse-postgres." + ns + ".svc:5432/warehouse")
                .doesNotContainKey("SIT_RUN_FILE")
                .doesNotContainKey("AWS_REGION");
        // strimzi requested but absent: no address is invented for it (the run ends in Error).
        assertThat(values).doesNotContainKey("SIT_KAFKA_AUDIT_LOG_BOOTSTRAP_SERVERS");
    }

    @Test
    void passwordOnlyAsSecretKeyRef() {
        List<EnvVar> env = ConnectionEnv.forRunnerPods(orders(), StrimziSupport.NOT_INSTALLED);
        EnvVar password = env.stream()
                .filter(e -> e.getName().equals("SIT_DB_WAREHOUSE_PASSWORD"))
                .findFirst()
                .orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("warehouse-postgres-credentials");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(env)
                .allSatisfy(e -> assertThat(e.getName().contains("PASSWORD") ? e.getValue() : null)
                        .isNull());
        assertThat(env(env)).containsEntry("SIT_RUN_FILE", "/sit/run/sitrun.yaml");
    }

    @Test
    void strimziBrokersUseTheKafkaBootstrapService() {
        SitRun run = orders();
        String ns = RunNames.namespace(run);
        // events is provider auto: builtin even with Strimzi installed (sit.strimzi.watches-all-namespaces is false)
        Map<String, String> values = env(ConnectionEnv.forSystems(run, StrimziSupport.OWN_NAMESPACE_ONLY));
        assertThat(values)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "events-kafka." + ns + ".svc:9092")
                .containsEntry(
                        "SIT_KAFKA_AUDIT_LOG_BOOTSTRAP_SERVERS", "audit-log-kafka-bootstrap." + ns + ".svc:9092");
    }

    @Test
    void awsRegionAndCredentialsFileWhenAwsIsSet() {
        SitRun run = orders();
        run.getSpec().setAws(TestRuns.aws());
        assertThat(env(ConnectionEnv.awsEnv(run)))
                .containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("AWS_SHARED_CREDENTIALS_FILE", "/sit/aws/credentials");
        assertThat(env(ConnectionEnv.forSystems(run, StrimziSupport.NOT_INSTALLED)))
                .as("opt-in only, see SystemsTest")
                .doesNotContainKeys("AWS_REGION", "AWS_SHARED_CREDENTIALS_FILE");
        assertThat(env(ConnectionEnv.forRunnerPods(run, StrimziSupport.NOT_INSTALLED)))
                .as("runner adds awsEnv itself; seeds never")
                .doesNotContainKeys("AWS_REGION", "AWS_SHARED_CREDENTIALS_FILE");
        assertThat(ConnectionEnv.awsVolume(run).orElseThrow().getSecret().getSecretName())
                .isEqualTo(AwsNames.SECRET);
        assertThat(ConnectionEnv.awsVolumeMount(run).orElseThrow().getMountPath())
                .isEqualTo("/sit/aws");
        assertThat(ConnectionEnv.awsVolume(orders())).isEmpty();
    }

    @Test
    void userVariablesReplaceInjectedOnes() {
        List<EnvVar> merged = ConnectionEnv.merge(
                ConnectionEnv.forSystems(orders(), StrimziSupport.NOT_INSTALLED),
                List.of(new EnvVar("KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092", null), new EnvVar("X", "1", null)));
        assertThat(merged.stream().filter(e -> e.getName().equals("KAFKA_BOOTSTRAP_SERVERS")))
                .hasSize(1);
        assertThat(env(merged))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092")
                .containsEntry("X", "1");
    }
}
