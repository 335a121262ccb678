package io.dataops.sit.runner.local;

import io.dataops.sit.api.RunContract;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The run's Schema Registry on this machine (spec.schemaRegistry): Apicurio Registry's distribution as module
 * test-runner-image/schema-registry unpacks it ({@code quarkus-run.jar}), as a child process of the current java on
 * two free loopback ports (API, and management with the health checks), with its default in-memory H2 storage.
 * Ready when its readiness endpoint answers 200; stopped with the run.
 */
final class LocalSchemaRegistry implements AutoCloseable {

    /** Where the registry build is, when not beside this module's build (system property, then environment). */
    static final String JAR_PROPERTY = "sit.schema-registry.jar";

    static final String JAR_ENV = "SIT_SCHEMA_REGISTRY_JAR";
    /** The registry's build output, relative to the test-runner-image folder. */
    static final String JAR_IN_BUILD = "schema-registry/target/quarkus-app/quarkus-run.jar";

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long STOP_GRACE_SECONDS = 5;

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private LocalSchemaRegistry(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * Starts the registry and waits until it is ready or {@code timeout} passed (then it is stopped and the error
     * names the last lines of its log).
     *
     * @param logFolder where its output goes (its access log is too chatty for the console)
     */
    static LocalSchemaRegistry start(Path jar, Path logFolder, Duration timeout)
            throws IOException, LocalRunException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new LocalRunException(
                    "SchemaRegistryNotStarted",
                    "spec.schemaRegistry is enabled but the registry build " + jar + " is missing: build it with "
                            + "./sit build (module test-runner-image/schema-registry), or set " + JAR_ENV);
        }
        int[] ports = freePorts();
        int port = ports[0];
        int managementPort = ports[1];
        Files.createDirectories(logFolder);
        Path log = logFolder.resolve("schema-registry.log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a registry for one run holds a few schemas: a small heap, and C1 is enough
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-jar",
                jar.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LocalSchemaRegistry registry = new LocalSchemaRegistry(process, port, managementPort, log);
        try {
            registry.awaitReady(timeout);
        } catch (LocalRunException | InterruptedException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** The registry build: {@link #JAR_PROPERTY}, {@link #JAR_ENV}, else beside this module's build output. */
    static Path locateJar() {
        String configured = Optional.ofNullable(System.getProperty(JAR_PROPERTY))
                .filter(s -> !s.isBlank())
                .orElse(System.getenv(JAR_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // This module's classes are in local/target/classes (tests) or local/target/sit-local.jar (./sit run):
        // two levels up is local/, whose sibling is schema-registry/.
        try {
            Path code = Path.of(LocalSchemaRegistry.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return code.toAbsolutePath().getParent().getParent().resolveSibling(JAR_IN_BUILD);
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("test-runner-image", JAR_IN_BUILD);
        }
    }

    /** What Confluent-style clients take as schema.registry.url. */
    String url() {
        return "http://127.0.0.1:" + port + RunContract.SCHEMA_REGISTRY_API_PATH;
    }

    private void awaitReady(Duration timeout) throws LocalRunException, InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + managementPort + RunContract.SCHEMA_REGISTRY_READY_PATH);
        Instant deadline = Instant.now().plus(timeout);
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new LocalRunException(
                            "SchemaRegistryNotStarted",
                            "the schema registry exited with " + process.exitValue() + " while starting: "
                                    + lastLines());
                }
                try {
                    HttpResponse<Void> answer = http.send(
                            HttpRequest.newBuilder(ready)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new LocalRunException(
                            "SchemaRegistryNotStarted",
                            "the schema registry was not ready within " + timeout.toSeconds() + " s: " + lastLines());
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private String lastLines() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Two ports free now, held open together so they differ. */
    private static int[] freePorts() throws IOException {
        try (ServerSocket api = new ServerSocket(0);
                ServerSocket management = new ServerSocket(0)) {
            return new int[] {api.getLocalPort(), management.getLocalPort()};
        }
    }

    /** SIGTERM (Quarkus shuts down cleanly), then SIGKILL after a grace period. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "schema registry on port " + port;
    }
}
