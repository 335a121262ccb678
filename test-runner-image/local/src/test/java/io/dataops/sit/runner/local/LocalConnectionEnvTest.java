package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The systems local mode starts get the operator's connection variables: the same names in the same order as the
 * operator injects (operator/api's connection-env-names.txt, which ConnectionEnvContractTest holds the operator
 * to), but SIT_RUN_NAMESPACE.
 */
class LocalConnectionEnvTest {

    @Test
    void localModeGivesTheOperatorsNamesButTheRunNamespace() throws IOException {
        SitRun sitRun = new SitRun();
        sitRun.setMetadata(new ObjectMetaBuilder().withName("orders-pr-42").build());
        sitRun.setSpec(new SitRunSpec());
        Map<String, String> brokers = new LinkedHashMap<>();
        brokers.put("events", "localhost:39092");
        brokers.put("audit-log", "localhost:39093");
        Map<String, DatabaseConnection> databases = new LinkedHashMap<>();
        databases.put("warehouse", new DatabaseConnection("warehouse", "localhost", 35432, "warehouse", "sit", "pw1"));
        databases.put("ledger", new DatabaseConnection("ledger", "localhost", 35433, "ledger", "sit", "pw2"));
        RunEnvironment run = new RunEnvironment(sitRun, brokers, databases, null, Optional.empty(), Optional.empty());

        Map<String, String> env = LocalEnvironment.systemEnv(run, Path.of("/tmp/sit-configmaps"), Optional.empty());

        List<String> operatorNames =
                Files.readAllLines(Path.of("../../operator/api/src/test/resources/connection-env-names.txt")).stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("#"))
                        .toList();
        assertThat(env.keySet())
                .containsExactlyElementsOf(operatorNames.stream()
                        .filter(n -> !n.equals(RunContract.ENV_RUN_NAMESPACE))
                        .toList());
        assertThat(env)
                .containsEntry(RunContract.kafkaBootstrapEnv("audit-log"), "localhost:39093")
                .containsEntry(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS, "localhost:39092")
                .containsEntry(RunContract.databaseEnv("ledger", "PASSWORD"), "pw2");
    }
}
