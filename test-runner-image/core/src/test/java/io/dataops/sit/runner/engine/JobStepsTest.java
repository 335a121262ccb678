package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.report.ResultRedaction;
import io.dataops.sit.runner.steps.StepSettings;
import io.dataops.sit.runner.testing.TestEnv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "... job started" via an HTTP trigger and via AWS Glue (a local stub speaking Glue's JSON protocol). */
class JobStepsTest {

    @TempDir
    Path features;

    HttpServer server;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger polls = new AtomicInteger();

    @BeforeEach
    void startStub() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/start", exchange -> {
            calls.add(exchange.getRequestMethod() + " /start");
            exchange.sendResponseHeaders(exchange.getRequestURI().getQuery() == null ? 202 : 500, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(target + " " + body + " signed=" + auth.startsWith("AWS4-HMAC-SHA256") + " glue="
                    + auth.contains("/glue/aws4_request") + " auth=" + auth);
            String answer = "AWSGlue.StartJobRun".equals(target)
                    ? "{\"JobRunId\": \"jr_123\"}"
                    : "{\"JobRun\": {\"JobRunState\": \"" + (polls.incrementAndGet() < 2 ? "RUNNING" : "SUCCEEDED")
                            + "\"}}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        // The SDK's default credentials chain would read these first: the Glue client must never use them.
        System.setProperty("aws.accessKeyId", "AKIADEFAULTCHAIN");
        System.setProperty("aws.secretAccessKey", "default-chain-secret");
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static RunEnvironment noInfra() {
        return new RunEnvironment(new SitRun(), Map.of(), Map.of(), null, Optional.empty(), Optional.empty());
    }

    private static RunEnvironment withAwsCredentials(Path file) {
        return new RunEnvironment(new SitRun(), Map.of(), Map.of(), null, Optional.empty(), Optional.of(file));
    }

    private static final String GLUE_FEATURE = """
            Feature: glue
              Scenario: run the product job
                When glue job started: product_1
                And finished processing within 30 seconds
            """;

    @Test
    void glueIsSignedWithTheMountedCredentialsFileOnly(@TempDir Path aws) throws Exception {
        Path file = aws.resolve("credentials");
        Files.writeString(file, """
                [default]
                aws_access_key_id = ASIARUNCREDENTIALS
                aws_secret_access_key = runSecret
                aws_session_token = runToken
                """);
        TestEnv.write(features, "glue.feature", GLUE_FEATURE);
        StepSettings settings = new StepSettings(
                Optional.of(Duration.ofMillis(500)), Duration.ofSeconds(30), null, url() + "/", Duration.ofSeconds(3));
        RunnerResult result = new ScenarioEngine(settings, false).run(withAwsCredentials(file), features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(calls)
                .isNotEmpty()
                .allSatisfy(c ->
                        assertThat(c).contains("Credential=ASIARUNCREDENTIALS/").doesNotContain("AKIADEFAULTCHAIN"));
    }

    @Test
    void withoutCredentialsFileGlueToARealEndpointFailsInsteadOfUsingTheDefaultChain() throws Exception {
        TestEnv.write(features, "glue.feature", GLUE_FEATURE);
        // Not loopback: the client must refuse before sending anything (no credentials of the pod or node).
        StepSettings settings = new StepSettings(
                Optional.of(Duration.ofMillis(500)),
                Duration.ofSeconds(30),
                null,
                "http://glue.invalid/",
                Duration.ofSeconds(3));
        RunnerResult result = new ScenarioEngine(settings, false).run(noInfra(), features, null);

        assertThat(result.getOutcome()).isNotEqualTo(Outcome.PASSED);
        assertThat(result.getScenarioResults().get(0).getMessage())
                .contains("spec.aws")
                .contains("never uses the pod's or node's default AWS credentials");
    }

    @Test
    void glueJobIsStartedSignedAndAwaited() throws Exception {
        TestEnv.write(features, "glue.feature", """
                Feature: glue
                  Scenario: run the product job
                    When glue job started: product_1
                    And finished processing within 30 seconds
                """);
        StepSettings settings = new StepSettings(
                Optional.of(Duration.ofMillis(500)), Duration.ofSeconds(30), null, url() + "/", Duration.ofSeconds(3));
        RunnerResult result = new ScenarioEngine(settings, false).run(noInfra(), features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(calls.get(0))
                .startsWith("AWSGlue.StartJobRun {\"JobName\":\"product_1\"}")
                .contains("signed=true")
                .contains("glue=true")
                .as("a loopback stub without credentials file gets fake credentials, never the default chain's")
                .contains("Credential=SITLOCALSTUBKEY/")
                .doesNotContain("AKIADEFAULTCHAIN");
        assertThat(calls).anyMatch(c -> c.startsWith("AWSGlue.GetJobRun") && c.contains("jr_123"));
        assertThat(polls.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void httpTriggerMustAnswer2xx() throws Exception {
        TestEnv.write(features, "http.feature", """
                Feature: http
                  Scenario: triggered
                    When system job started: %1$s/start
                  Scenario: trigger refused
                    When system job started: %1$s/start?fail=1
                """.formatted(url()));
        RunnerResult result = new ScenarioEngine(TestEnv.fastSettings(), false).run(noInfra(), features, null);

        assertThat(calls).contains("POST /start");
        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getScenarios().getPassed()).isEqualTo(1);
        assertThat(result.getScenarioResults().get(1).getMessage())
                .contains("http.feature:5")
                .contains("HTTP 500");
    }

    @Test
    void urlCredentialsNeverReachTheRunnerLogOrItsResult() throws Exception {
        String marker = "tok-RUNNERLOG-555";
        TestEnv.write(features, "secret.feature", """
                Feature: secret
                  Scenario: triggered with a token
                    When system job started: %s/start?token=%s
                """.formatted(
                        url().replace("http://", "http://bot:" + marker + "@"), marker));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        RunnerResult result;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            result = new ScenarioEngine(TestEnv.fastSettings(), true).run(noInfra(), features, null);
        } finally {
            System.setErr(original);
        }
        result = ResultRedaction.redact(result);

        assertThat(calls).as("the call itself carried the token").contains("POST /start");
        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .as("runner log")
                .contains("/start?***")
                .doesNotContain(marker);
        assertThat(ResultCodec.write(result)).as("result").doesNotContain(marker);
    }
}
