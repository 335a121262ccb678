package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sit run} with flow steps: the runner's receiver on the loopback, an in-process relay and a relay in a
 * child JVM that both get OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME from local mode (the child's own env
 * renames it) and export their spans through the OpenTelemetry SDK over HTTP.
 */
class LocalFlowTest {

    @TempDir
    Path out;

    @Test
    void systemsExportTheirSpansToTheRunnerAndTheFlowStepsPass() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path file = out.resolve("flow-sitrun.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: flow-features
                data:
                  flow.feature: |
                    Feature: Flow
                      Scenario: every event passes both systems in order, quickly and without errors
                        Given sample data is loaded from: events.json
                        And published to Kafka topic: events_in
                        Then every record published to events_in passed through enrich, then events-api-v2 within 60 seconds
                        And every record published to events_in completed its flow within 30000 ms
                        And the flow of this scenario involved only enrich and events-api-v2
                        And no span of this scenario's flow has an error
                  events.json: |
                    [{"event_id": "e-1"}, {"event_id": "e-2"}, {"event_id": "e-3"}]
                ---
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: flow
                spec:
                  brokers:
                    - name: events
                      kafka:
                        provider: builtin
                        topics:
                          - { name: events_in, partitions: 1 }
                          - { name: events_mid, partitions: 1 }
                          - { name: events_out, partitions: 1 }
                  systems:
                    - name: enrich
                      image: ghcr.io/dataops-sit/sit-runner:0.1.0
                      local:
                        command: [sit-runner, relay, --from, events_in, --to, events_mid]
                    - name: events-api
                      image: ghcr.io/dataops-sit/sit-runner:0.1.0
                      env:
                        - { name: OTEL_SERVICE_NAME, value: events-api-v2 }
                      local:
                        command: ["%s", -cp, "%s", io.dataops.sit.runner.Main, relay, --from, events_mid, --to, events_out]
                  runner:
                    image: ghcr.io/dataops-sit/sit-runner:0.1.0
                    features:
                      configMapRef:
                        name: flow-features
                """.formatted(java, System.getProperty("java.class.path")));
        Path json = out.resolve("flow.json");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int exit = new LocalCommand(new PrintStream(console, true, StandardCharsets.UTF_8))
                .execute(new String[] {file.toString(), "--json", json.toString()});

        System.out.print(console.toString(StandardCharsets.UTF_8));
        assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isZero();
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds())
                .extracting(ThresholdResult::getMessage)
                .contains("3 of 3 records passed through enrich, then events-api-v2", "involved enrich, events-api-v2");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains(
                        "traces: OTLP/HTTP receiver at http://127.0.0.1:",
                        "[events-api] relay: relaying events_mid -> events_out, traced");
    }
}
