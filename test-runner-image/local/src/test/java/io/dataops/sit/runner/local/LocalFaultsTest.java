package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault steps under {@code ./sit run}: a real embedded KRaft broker and a real PostgreSQL stopped and started
 * mid-scenario, the runner's relay (in process) as the system that has to recover, and the scenario-end hook that
 * brings back what a failing scenario left down. The scenarios run in order, so each one also shows that the one
 * before left the component up again.
 */
class LocalFaultsTest {

    @TempDir
    Path folder;

    static final String SITRUN = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: faults-features
            data:
              faults.feature: |
                Feature: Faults
                  Scenario: the relay carries on after the broker restarts
                    Given sample data is loaded from: events.json
                    And published to Kafka topic: events_in
                    And finished processing
                    When the broker events is restarted
                    And published to Kafka topic: events_in
                    And result consumed from Kafka topic on checkpoint: events_out
                    Then the result contains 6 records with tolerance of +/- 0 within 60 seconds

                  Scenario: a relay and a broker down for a while come back on their own
                    Given the system relay is unavailable for 8 seconds
                    And sample data is loaded from: events.json
                    And published to Kafka topic: events_in
                    And result consumed from Kafka topic on checkpoint: events_out
                    When the broker events is unavailable for 4 seconds
                    Then the result contains 9 records with tolerance of +/- 0 within 90 seconds

                  Scenario: a failing scenario leaves the broker down
                    Given the broker events is unavailable
                    Then the query "select count(*) from orders" returns 5

                  Scenario: the broker is back for the next scenario
                    Given sample data is loaded from: events.json
                    And published to Kafka topic: events_in
                    And result consumed from Kafka topic on checkpoint: events_out
                    Then the result contains 12 records with tolerance of +/- 0 within 60 seconds

                  Scenario: a query fails while the database is down
                    Given the database warehouse is unavailable
                    Then the query "select count(*) from orders" returns 2

                  Scenario: the rows are there when the database is back
                    Given the query "select count(*) from orders" returns 2
                    When the database warehouse is restarted
                    Then the query "select count(*) from orders" returns 2
                    When the database warehouse is unavailable
                    And the database warehouse is available again
                    Then the query "select count(*) from orders" returns 2
              events.json: |
                [
                  {"event_id": "e-1", "kind": "order_created", "amount": 12.5},
                  {"event_id": "e-2", "kind": "order_created", "amount": 3.0},
                  {"event_id": "e-3", "kind": "order_cancelled", "amount": 12.5}
                ]
              schema.sql: |
                create table orders (id int primary key, status text);
                insert into orders values (1, 'NEW'), (2, 'SHIPPED');
            ---
            apiVersion: sit.dataops.io/v1alpha1
            kind: SitRun
            metadata:
              name: faults
            spec:
              brokers:
                - name: events
                  kafka:
                    provider: builtin
                    topics:
                      - { name: events_in, partitions: 1 }
                      - { name: events_out, partitions: 1 }
              databases:
                - name: warehouse
                  postgres: {}
                  seed:
                    - sql: { configMapRef: { name: faults-features, key: schema.sql } }
              systems:
                - name: relay
                  image: ghcr.io/dataops-sit/sit-runner:0.1.0
                  args: [relay, --from, events_in, --to, events_out]
                  local:
                    command: [sit-runner, relay, --from, events_in, --to, events_out]
              runner:
                faults: true
                features:
                  configMapRef:
                    name: faults-features
            """;

    @Test
    void brokersDatabasesAndSystemsGoDownComeBackAndAreBroughtBackWhenAScenarioFails() throws Exception {
        Path file = folder.resolve("faults-sitrun.yaml");
        Files.writeString(file, SITRUN);
        Path json = folder.resolve("faults.json");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int exit = new LocalCommand(new PrintStream(console, true, StandardCharsets.UTF_8))
                .execute(new String[] {file.toString(), "--json", json.toString()});

        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getScenarioResults())
                .as(console.toString(StandardCharsets.UTF_8))
                .extracting(ScenarioResult::getName, ScenarioResult::getStatus)
                .containsExactly(
                        tuple("the relay carries on after the broker restarts", "passed"),
                        tuple("a relay and a broker down for a while come back on their own", "passed"),
                        tuple("a failing scenario leaves the broker down", "failed"),
                        tuple("the broker is back for the next scenario", "passed"),
                        tuple("a query fails while the database is down", "error"),
                        tuple("the rows are there when the database is back", "passed"));
        assertThat(result.getScenarioResults().get(4).getMessage()).containsIgnoringCase("warehouse");
        assertThat(exit).isEqualTo(2);
    }
}
