package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemPort;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.steps.StepSettings;
import io.dataops.sit.runner.testing.TestEnv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

/**
 * HTTP targets against a real HTTP server in this JVM (the JDK's): a system of the run found by name and port, a
 * SaaS-like target by its base URL variable, bodies and headers from fixtures, a bearer token and an API key from
 * runner variables, status / JSON value / JSON count assertions with and without polling, and the token never in
 * a result, a log line or a report, even when the server echoes it.
 */
class HttpStepsTest {

    static final String TOKEN = "tok-7f3a9c1e55d2";

    @TempDir
    Path features;

    HttpServer server;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger orderReads = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // the system's API at the root, the "SaaS" one under /api
        server.createContext("/orders", this::orders);
        server.createContext("/api/orders", this::orders);
        server.createContext("/echo", this::echo);
        server.createContext("/api/echo", this::echo);
        server.start();
    }

    /** What a careless API does: the credentials it got, back in its error. */
    private void echo(HttpExchange exchange) throws IOException {
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String key = String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key"));
        send(exchange, 403, "{\"error\": \"denied\", \"seen\": \"" + key + "\", \"auth\": \"" + auth + "\"}");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private void orders(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
        if (!("Bearer " + TOKEN).equals(auth) && !TOKEN.equals(key)) {
            send(exchange, 401, "{\"error\": \"unauthorized\"}");
            return;
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().replaceFirst("^/api", "");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(
                method + " " + path + " type=" + exchange.getRequestHeaders().getFirst("Content-Type") + " tenant="
                        + exchange.getRequestHeaders().getFirst("X-Tenant") + " body=" + body.strip());
        switch (method + " " + path) {
            case "POST /orders" -> send(exchange, 201, "{\"id\": \"43\", \"accepted\": true}");
            case "PUT /orders/42" -> send(exchange, 200, "{\"id\": \"42\", \"status\": \"CANCELLED\"}");
            case "GET /orders/42" -> {
                // shipped from the third read on: what "within" polls for
                String status = orderReads.incrementAndGet() < 3 ? "NEW" : "SHIPPED";
                send(exchange, 200, """
                        {"id": "42", "status": "%s", "total": 12.50, "express": false, "note": null,
                         "lines": [{"sku": "a"}, {"sku": "b"}]}
                        """.formatted(status));
            }
            case "GET /orders" -> send(exchange, 200, """
                    {"items": [{"id": "1", "status": "NEW"}, {"id": "2", "status": "SHIPPED"},
                               {"id": "3", "status": "NEW"}]}
                    """);
            default -> send(exchange, 404, "{\"error\": \"no such order\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A run whose system orders-api listens (locally: on 127.0.0.1) on {@code port}, with runner variables. */
    private static RunEnvironment env(int port, Map<String, String> variables) {
        SystemPort p = new SystemPort();
        p.setName("http");
        p.setPort(port);
        SystemSpec system = new SystemSpec();
        system.setName("orders-api");
        system.setImage("example/orders-api:1");
        system.setPorts(List.of(p));
        SitRunSpec spec = new SitRunSpec();
        spec.setSystems(List.of(system));
        SitRun run = new SitRun();
        run.setSpec(spec);
        return new RunEnvironment(run, Map.of(), Map.of(), null, Optional.empty(), Optional.empty(), variables);
    }

    private Map<String, String> variables() {
        return Map.of("ORDERS_TOKEN", TOKEN, "SIT_HTTP_SAAS_URL", "http://127.0.0.1:" + port() + "/api/");
    }

    private static StepSettings settings() {
        return StepSettings.defaults().withHttpConnectTimeout(Duration.ofSeconds(1));
    }

    @Test
    void requestsWithFixturesAndTokensAreCheckedWithAndWithoutPolling() throws Exception {
        TestEnv.write(features, "fixtures/order.json", "{\"sku\": \"a\", \"quantity\": 2}\n");
        TestEnv.write(
                features,
                "fixtures/headers.txt",
                "# sent with every request\nX-Tenant: acme\nAccept: application/json\n");
        TestEnv.write(features, "orders.feature", """
                Feature: orders API
                  Scenario: an order is created and shipped
                    Given HTTP requests use the bearer token from env ORDERS_TOKEN
                    And HTTP headers are loaded from: fixtures/headers.txt
                    When a POST request with body from fixtures/order.json is sent to orders-api/orders
                    Then the HTTP status is 201
                    And the HTTP response JSON at $.id is "43"
                    And the HTTP response JSON at $.accepted is true
                    When a GET request is sent to orders-api:http/orders/42
                    Then the HTTP response JSON at $.status is "SHIPPED" within 20 seconds
                    And the HTTP response JSON at $.lines has 2 items
                    And the HTTP response JSON at $.total is 12.5
                    And the HTTP response JSON at $.note is null
                    When a GET request is sent to orders-api/orders
                    Then the HTTP response JSON at "$.items[?(@.status == 'NEW')]" has 2 items
                    And the HTTP response JSON at "$.items[?(@.id == '2')].status" is SHIPPED
                    And the HTTP status is 200 within 5 seconds

                  Scenario: a SaaS-like target by its base URL, an API key and a doc string body
                    Given HTTP header X-Api-Key is taken from env ORDERS_TOKEN
                    When a PUT request is sent to saas/orders/42 with body:
                      \"\"\"
                      {"status": "CANCELLED"}
                      \"\"\"
                    Then the HTTP status is 200
                    And the HTTP response JSON at $.status is 'CANCELLED'
                """);

        RunnerResult result = new ScenarioEngine(settings(), false).run(env(port(), variables()), features, null);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds()).hasSize(12).allMatch(ThresholdResult::isPassed);
        assertThat(orderReads).as("GET /orders/42 sent again until shipped").hasValueGreaterThanOrEqualTo(3);
        assertThat(received)
                .contains(
                        "POST /orders type=application/json tenant=acme body={\"sku\": \"a\", \"quantity\": 2}",
                        "PUT /orders/42 type=application/json tenant=null body={\"status\": \"CANCELLED\"}");
        ThresholdResult polled = result.getThresholds().get(3);
        assertThat(polled.getName())
                .isEqualTo("HTTP GET orders-api:http/orders/42 JSON at $.status is \"SHIPPED\" within 20s");
        assertThat(result.getThresholds().get(4).getActual()).isEqualByComparingTo("2");
        assertThat(result.getThresholds().get(5).getActual()).isEqualByComparingTo("12.5");
        assertThat(result.getThresholds().get(0).getActual()).isEqualByComparingTo("201");
    }

    @Test
    void aMissedStatusShowsTheAnswerButNeverTheToken() throws Exception {
        TestEnv.write(features, "leak.feature", """
                Feature: leak
                  Scenario: the API echoes what it was given
                    Given HTTP requests use the bearer token from env ORDERS_TOKEN
                    And HTTP header X-Api-Key is taken from env ORDERS_TOKEN
                    When a GET request is sent to http://127.0.0.1:%d/api/echo?tenant=acme
                    Then the HTTP status is 200

                  Scenario: a JSON value that differs
                    Given HTTP header X-Api-Key is taken from env ORDERS_TOKEN
                    When a GET request is sent to orders-api/echo
                    Then the HTTP response JSON at $.seen is "something else"
                """.formatted(port()));
        Path html = features.resolve("report.html");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        RunnerResult result;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            result = new ScenarioEngine(settings(), true)
                    .withHtmlReport(html)
                    .run(env(port(), variables()), features, null);
        } finally {
            System.setErr(original);
        }
        original.print(log.toString(StandardCharsets.UTF_8));

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getReason()).isEqualTo("ThresholdsFailed");
        ThresholdResult status = result.getThresholds().get(0);
        assertThat(status.getActual()).isEqualByComparingTo("403");
        assertThat(status.getMessage()).contains("answered 403", "\"seen\": \"***\"", "Bearer ***");
        ThresholdResult value = result.getThresholds().get(1);
        assertThat(value.getMessage()).contains("expected \"something else\", got \"***\"");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("GET orders-api/echo [http://127.0.0.1:" + port() + "/echo] -> 403");
        assertThat(ResultCodec.write(result)).doesNotContain(TOKEN);
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        assertThat(Files.readString(html)).contains("api/echo").doesNotContain(TOKEN);
    }

    @Test
    void badInputIsAnErrorNamingWhatIsMissingAndARefusedConnectionFails() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        TestEnv.write(features, "bad.feature", """
                Feature: bad input
                  Scenario: a token that was never handed to the runner
                    Given HTTP requests use the bearer token from env NOT_HANDED_TO_THE_RUNNER
                    When a GET request is sent to orders-api/orders

                  Scenario: a system the run does not have
                    When a GET request is sent to billing/invoices

                  Scenario: polling would post again
                    Given HTTP requests use the bearer token from env ORDERS_TOKEN
                    When a POST request is sent to orders-api/orders with body:
                      \"\"\"
                      {"sku": "b"}
                      \"\"\"
                    Then the HTTP status is 200 within 5 seconds

                  Scenario: nothing listens
                    When a GET request is sent to http://127.0.0.1:%d/health
                """.formatted(closedPort));

        RunnerResult result = new ScenarioEngine(settings(), false).run(env(port(), variables()), features, null);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BadInput");
        assertThat(result.getScenarioResults())
                .extracting(ScenarioResult::getMessage)
                .satisfiesExactly(
                        m -> assertThat(m)
                                .contains("runner variable NOT_HANDED_TO_THE_RUNNER is not set", "secretKeyRef"),
                        m -> assertThat(m)
                                .contains(
                                        "'billing' is neither a system of this run",
                                        "[orders-api]",
                                        "SIT_HTTP_BILLING_URL"),
                        m -> assertThat(m).contains("'within' sends the last request again", "POST"),
                        m -> assertThat(m).contains("GET http://127.0.0.1:" + closedPort + "/health: no connection"));
        assertThat(result.getScenarioResults().get(3).getStatus()).isEqualTo("failed");
        assertThat(received).as("the POST was sent once, never again").hasSize(1);
    }
}
