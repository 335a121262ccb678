package io.dataops.sit.runner.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemPort;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.runner.engine.ScenarioEngine;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.testing.SharedKafka;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in HTTP system under test on a real broker, driven by the HTTP steps as a feature would: records POSTed
 * go through the topic and come back by id and by filter; without the token it answers 401.
 */
class RecordsApiTest {

    @TempDir
    Path features;

    @Test
    void postedRecordsComeBackThroughTheTopicAndTheTokenIsRequired() throws Exception {
        String topic = "records_" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        TestEnv.write(features, "api.feature", """
                Feature: records API
                  Scenario: posted records come back through the topic
                    Given HTTP requests use the bearer token from env API_TOKEN
                    When a POST request is sent to records-api/records with body:
                      \"\"\"
                      [{"id": "r1", "status": "NEW"}, {"id": "r2", "status": "PAID", "lines": [1, 2, 3]}]
                      \"\"\"
                    Then the HTTP status is 202
                    And the HTTP response JSON at $.accepted is 2
                    When a GET request is sent to records-api/records/r2
                    Then the HTTP status is 200 within 20 seconds
                    And the HTTP response JSON at $.status is "PAID"
                    And the HTTP response JSON at $.lines has 3 items
                    When a GET request is sent to records-api/records?status=NEW
                    Then the HTTP response JSON at $.count is 1
                    When a GET request is sent to records-api/records/r9
                    Then the HTTP status is 404
                    When a POST request is sent to records-api/records with body:
                      \"\"\"
                      "not an object"
                      \"\"\"
                    Then the HTTP status is 400

                  Scenario: without the token
                    When a GET request is sent to records-api/records
                    Then the HTTP status is 401
                    When a GET request is sent to records-api/health
                    Then the HTTP status is 200
                """);
        String token = "api-token-" + UUID.randomUUID();
        RecordsApi.Options options =
                new RecordsApi.Options(SharedKafka.bootstrapServers(), 0, topic, topic, "id", token, null);
        try (RecordsApi api = new RecordsApi(options).start()) {
            assertThat(api.awaitReady(Duration.ofSeconds(30))).isTrue();

            RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), true)
                    .run(env(api.port(), Map.of("API_TOKEN", token)), features, null);

            assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
            assertThat(result.getThresholds()).hasSize(10).allMatch(ThresholdResult::isPassed);
        }
    }

    private static RunEnvironment env(int port, Map<String, String> variables) {
        SystemPort p = new SystemPort();
        p.setPort(port);
        SystemSpec system = new SystemSpec();
        system.setName("records-api");
        system.setImage("ghcr.io/dataops-sit/sit-runner:0.1.0");
        system.setPorts(List.of(p));
        SitRunSpec spec = new SitRunSpec();
        spec.setSystems(List.of(system));
        SitRun run = new SitRun();
        run.setSpec(spec);
        return new RunEnvironment(run, Map.of(), Map.of(), null, Optional.empty(), Optional.empty(), variables);
    }
}
