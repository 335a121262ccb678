package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Local mode gives the systems it starts {@link RunContract#connectionEnv}; the operator builds its own EnvVars
 * (the password as a secretKeyRef). Both must say the same names in the same order, with the same values.
 */
class ConnectionEnvContractTest {

    @Test
    void operatorInjectsWhatTheSharedContractSays() {
        SitRun run = run("orders-pr-42");
        run.getSpec()
                .setBrokers(List.of(
                        broker("events", KafkaProvider.AUTO, "input_topic_1"),
                        broker("audit-log", KafkaProvider.BUILTIN)));
        run.getSpec().setDatabases(List.of(database("warehouse"), database("ledger")));
        List<EnvVar> injected = ConnectionEnv.forSystems(run, StrimziSupport.NOT_INSTALLED);
        Map<String, String> cluster = new LinkedHashMap<>();
        injected.forEach(e -> cluster.put(e.getName(), e.getValue()));

        Map<String, String> brokers = new LinkedHashMap<>();
        for (String b : List.of("events", "audit-log")) {
            brokers.put(b, cluster.get(RunContract.kafkaBootstrapEnv(b)));
        }
        Map<String, RunContract.DatabaseAddress> databases = new LinkedHashMap<>();
        for (String d : List.of("warehouse", "ledger")) {
            databases.put(
                    d,
                    new RunContract.DatabaseAddress(
                            cluster.get(RunContract.databaseEnv(d, "HOST")),
                            Integer.parseInt(cluster.get(RunContract.databaseEnv(d, "PORT"))),
                            cluster.get(RunContract.databaseEnv(d, "DATABASE")),
                            cluster.get(RunContract.databaseEnv(d, "USER")),
                            null,
                            cluster.get(RunContract.databaseEnv(d, "JDBC_URL"))));
        }
        Map<String, String> contract = RunContract.connectionEnv(
                "orders-pr-42",
                Optional.of(RunNames.namespace(run)),
                RunContract.CONFIGMAPS_MOUNT_PATH,
                brokers,
                databases,
                Optional.empty());

        assertThat(cluster.keySet()).containsExactlyElementsOf(contract.keySet());
        assertThat(cluster).isEqualTo(contract);
    }

    /** The names local mode also gives (LocalConnectionEnvTest reads the same list): one contract, two processes. */
    @Test
    void operatorInjectsTheReferenceNamesLocalModeAlsoGives() throws IOException {
        SitRun run = run("orders-pr-42");
        run.getSpec()
                .setBrokers(List.of(
                        broker("events", KafkaProvider.AUTO, "input_topic_1"),
                        broker("audit-log", KafkaProvider.BUILTIN)));
        run.getSpec().setDatabases(List.of(database("warehouse"), database("ledger")));

        assertThat(ConnectionEnv.forSystems(run, StrimziSupport.NOT_INSTALLED))
                .extracting(EnvVar::getName)
                .containsExactlyElementsOf(referenceNames());
        assertThat(ConnectionEnv.forSystems(run, StrimziSupport.NOT_INSTALLED))
                .filteredOn(e -> e.getName().endsWith("_PASSWORD"))
                .as("passwords only as secretKeyRefs")
                .allSatisfy(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isNotBlank();
                });
        List<String> runnerNames = ConnectionEnv.forRunnerPods(run, StrimziSupport.NOT_INSTALLED).stream()
                .map(EnvVar::getName)
                .toList();
        assertThat(runnerNames)
                .as("the runner also gets the mounted SitRun")
                .contains(RunContract.ENV_RUN_FILE)
                .filteredOn(n -> !n.equals(RunContract.ENV_RUN_FILE))
                .containsExactlyElementsOf(referenceNames());
    }

    static List<String> referenceNames() throws IOException {
        return Files.readAllLines(Path.of("../api/src/test/resources/connection-env-names.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
    }
}
