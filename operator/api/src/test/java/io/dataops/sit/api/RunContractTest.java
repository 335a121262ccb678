package io.dataops.sit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunContractTest {

    @Test
    void connectionEnvNamesEveryBrokerAndDatabaseAndTheFirstBrokerAsTheDefault() {
        Map<String, String> brokers = new LinkedHashMap<>();
        brokers.put("events", "localhost:1111");
        brokers.put("audit-log", "localhost:2222");
        Map<String, String> env = RunContract.connectionEnv(
                "orders",
                Optional.of("sit-orders-abc12"),
                "/sit/configmaps",
                brokers,
                Map.of(
                        "warehouse",
                        new RunContract.DatabaseAddress(
                                "db", 5432, "warehouse", "sit", "pw", "jdbc:postgresql://db:5432/warehouse")),
                Optional.empty());

        assertThat(env.keySet())
                .containsExactly(
                        "SIT_RUN_NAME",
                        "SIT_RUN_NAMESPACE",
                        "SIT_CONFIGMAPS_DIR",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "SIT_KAFKA_EVENTS_BOOTSTRAP_SERVERS",
                        "SIT_KAFKA_AUDIT_LOG_BOOTSTRAP_SERVERS",
                        "SIT_DB_WAREHOUSE_HOST",
                        "SIT_DB_WAREHOUSE_PORT",
                        "SIT_DB_WAREHOUSE_DATABASE",
                        "SIT_DB_WAREHOUSE_USER",
                        "SIT_DB_WAREHOUSE_PASSWORD",
                        "SIT_DB_WAREHOUSE_JDBC_URL");
        assertThat(env)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:1111")
                .containsEntry("SIT_DB_WAREHOUSE_PORT", "5432");
    }

    @Test
    void withoutANamespaceTheRunnerIsNotToldToReportToAnOperator() {
        Map<String, String> env =
                RunContract.connectionEnv("orders", Optional.empty(), "/tmp/cm", Map.of(), Map.of(), Optional.empty());
        assertThat(env).containsOnlyKeys("SIT_RUN_NAME", "SIT_CONFIGMAPS_DIR");
    }

    @Test
    void aRunWithASchemaRegistryHandsItsUrlUnderTheConventionalAndTheSitName() {
        Map<String, String> env = RunContract.connectionEnv(
                "orders",
                Optional.empty(),
                "/tmp/cm",
                Map.of("events", "localhost:1111"),
                Map.of(),
                Optional.of("http://localhost:8081/apis/ccompat/v7"));
        assertThat(env)
                .containsEntry("SCHEMA_REGISTRY_URL", "http://localhost:8081/apis/ccompat/v7")
                .containsEntry("SIT_SCHEMA_REGISTRY_URL", "http://localhost:8081/apis/ccompat/v7");
    }
}
