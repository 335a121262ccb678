package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/http-api-sitrun.yaml through {@code ./sit run}'s code: a real embedded broker, the relay in process and
 * the records API as a child JVM ({@code sit-runner records-api}), both given the token of the file's Secret, the HTTP
 * steps and the throughput threshold. The port is moved to a free one so the test never meets a busy 18080.
 */
class HttpApiExampleTest {

    static final Path EXAMPLE = ExamplesTest.EXAMPLES.resolve("http-api-sitrun.yaml");
    static final String TOKEN = "demo-token-not-a-secret";

    @TempDir
    Path out;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** The steps log to System.err (in a cluster: the pod log), so it is kept too, to look for the token there. */
    private int run(String... args) {
        PrintStream original = System.err;
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            return new LocalCommand(new PrintStream(console, true, StandardCharsets.UTF_8)).execute(args);
        } finally {
            System.setErr(original);
            original.print(console.toString(StandardCharsets.UTF_8));
        }
    }

    private Path exampleOnAFreePort(String name, boolean withSecret) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String yaml = Files.readString(EXAMPLE);
        assertThat(yaml).contains(TOKEN, "18080");
        String moved = yaml.replace("18080", Integer.toString(port));
        if (!withSecret) {
            moved = moved.substring(moved.indexOf("---") + 3);
            assertThat(moved).doesNotContain("kind: Secret");
        }
        Path file = out.resolve(name);
        Files.writeString(file, moved);
        return file;
    }

    @Test
    void theExamplePassesWithTheTokenFromItsSecretAndNeverShowsIt() throws Exception {
        Path json = out.resolve("http.json");
        Path junit = out.resolve("http.xml");

        int exit = run(
                exampleOnAFreePort("http-api-sitrun.yaml", true).toString(),
                "--json",
                json.toString(),
                "--junit",
                junit.toString());

        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds()).hasSize(10).allMatch(ThresholdResult::isPassed);
        ThresholdResult throughput = result.getThresholds().get(0);
        assertThat(throughput.getName()).isEqualTo("throughput input_topic_1 -> product_v1 at least 500 records/s");
        assertThat(throughput.getActual()).isGreaterThanOrEqualTo(throughput.getExpected());
        assertThat(throughput.getMessage()).startsWith("2000 of 2000 records");
        assertThat(result.getThresholds())
                .extracting(ThresholdResult::getName)
                .contains(
                        "HTTP GET orders-api/records?status=NEW JSON at $.count is 2000 within 30s",
                        "HTTP GET orders-api/records status is 401");
        assertThat(log)
                .contains(
                        "system orders-api started: sit-runner records-api",
                        "[orders-api] records-api: listening on port")
                .contains("POST orders-api/records [http://127.0.0.1:")
                .doesNotContain("is not in the SitRun file");
        assertThat(log).doesNotContain(TOKEN);
        assertThat(Files.readString(json)).doesNotContain(TOKEN);
        assertThat(Files.readString(junit)).doesNotContain(TOKEN);
    }

    @Test
    void withoutTheSecretBothSidesAreToldAndTheSystemRefusesToRunOpen() throws Exception {
        int exit = run(exampleOnAFreePort("no-secret.yaml", false).toString());

        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isEqualTo(2);
        assertThat(log)
                .contains(
                        "runner.env ORDERS_API_TOKEN: Secret orders-api-credentials is not in the SitRun file;",
                        "system orders-api env ORDERS_API_TOKEN: Secret orders-api-credentials is not in the SitRun "
                                + "file;",
                        "records-api: --token-env ORDERS_API_TOKEN: the variable is not set",
                        "system orders-api exited at start with code 2")
                .doesNotContain("Testing —");
    }
}
