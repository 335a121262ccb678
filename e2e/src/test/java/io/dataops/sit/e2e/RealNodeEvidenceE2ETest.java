package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.KubectlSit;
import io.dataops.sit.e2e.support.Repo;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a finished run leaves behind, on the real node with the operator as installed, fetched the way CI does
 * ({@code kubectl sit}): a failed orders run's evidence and JUnit after its namespace is gone (the runner's log with
 * the failed threshold, the relay's log, the product_v1 sample, the warehouse's table counts), bounded although a
 * system logged 50 MB, with no trace of the Secret that system printed; a timed-out run's runner log, captured
 * at the timeout; bad input exits 2 with a JUnit error a CI server can read.
 */
@Order(Integer.MAX_VALUE - 4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeEvidenceE2ETest extends RealNodeTests {

    static final String NS = "e2e-evidence";
    static final String SECRET_MARKER = "tok-E2EEVIDENCE-31415";
    static final Duration RUN = Duration.ofMinutes(12);
    static KubectlSit sit;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void tenant() {
        sitRuns.createNamespace(NS);
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("noisy-token")
                        .endMetadata()
                        .addToData("token", base64(SECRET_MARKER))
                        .build())
                .createOr(r -> r.update());
        // The admin's binding that lets the operator read this tenant's referenced Secrets (deploy/README.md).
        if (!kubectl.run("get", "rolebinding", "sit-operator-tenant-secrets", "-n", NS)
                .ok()) {
            kubectl.ok(
                    "create",
                    "rolebinding",
                    "sit-operator-tenant-secrets",
                    "-n",
                    NS,
                    "--clusterrole=sit-operator-tenant-secrets",
                    "--serviceaccount=sit-system:sit-operator");
        }
        sit = kubectlSit();
    }

    @Test
    @Order(1)
    void aFailedOrdersRunLeavesItsReportsAndEvidenceAfterItsNamespaceIsGone() throws Exception {
        String name = "orders-evidence";
        Path file = write(name + ".yaml", ordersVariant(name, failingThreshold(), spec -> {
            spec.put("ttlSecondsAfterFinished", 0);
            spec.put("keepOnFailure", false);
            spec.withArray("systems").add(noisySystem());
        }));
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--ignore-not-found", "--timeout=180s");
        Path junit = tmp.resolve("orders-evidence-junit.xml");

        Command.Result run = sit.run(RUN, "run", "-n", NS, "-f", file.toString(), "--junit", junit.toString());

        assertThat(run.exitCode())
                .as("kubectl sit run exits 1 on a failed run\n" + run.stdout() + run.stderr())
                .isEqualTo(1);
        assertThat(run.stdout()).contains("THRESHOLD", "NO");
        assertValidJunit(Files.readString(junit));
        String runNs = sitRuns.field(NS, name, ".status.namespace");
        Awaitility.await(runNs + " deleted (ttlSecondsAfterFinished: 0)")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> client.namespaces().withName(runNs).get() == null);

        Path dir = tmp.resolve("orders-evidence");
        sit.run("evidence", name, "-n", NS, "-o", dir.toString()).orFail();
        Map<String, String> files = readAll(dir);
        assertThat(files).containsKey("MANIFEST.txt");
        assertThat(only(files, "logs/sit-runner-[^/]+/[^/]+\\.log"))
                .as("the runner's log")
                .contains("ThresholdsFailed");
        assertThat(files.keySet())
                .as("the relay's log")
                .anyMatch(p -> p.matches("logs/product-1-[^/]+/product-1\\.log"));
        assertThat(file(files, "data/kafka/events/product_v1.json"))
                .as("the product_v1 sample")
                .contains("o-1001");
        assertThat(file(files, "data/databases/warehouse/row-counts.txt"))
                .as("the warehouse's table counts")
                .contains("currency")
                .contains("12")
                .contains("customer");
        assertThat(files).containsKeys("events.txt", "pods.txt", "jobs.txt");

        // 50 MB logged by one system; the bundle stays within its bound and says what it cut.
        String noisy = only(files, "logs/noisy-[^/]+/noisy\\.log");
        assertThat(noisy.length()).isLessThan(1024 * 1024);
        assertThat(files.get("MANIFEST.txt")).containsPattern("noisy\\.log: (only the last \\d+ lines kept|cut)");
        assertThat(noisy)
                .as("the tail of the log, its last line redacted")
                .endsWith("noisy-done\n")
                .containsPattern("token=(\\[redacted\\]|\\*\\*\\*)\n");
        long bundleBytes = Long.parseLong(sitRuns.field(NS, name, ".status.evidence.sizeBytes"));
        assertThat(bundleBytes).isPositive().isLessThanOrEqualTo(900 * 1024);
        // The noisy system printed its Secret's value first thing: kept out of everything CI can fetch.
        for (var entry : files.entrySet()) {
            assertThat(entry.getValue()).as(entry.getKey()).doesNotContain(SECRET_MARKER);
        }
        String report =
                sit.run("report", name, "-n", NS, "--junit", "-").orFail().stdout();
        assertValidJunit(report);
        assertThat(report).contains("<failure").doesNotContain(SECRET_MARKER);
        assertThat(sit.run("logs", name, "-n", NS, "runner").orFail().stdout())
                .as("logs from the bundle")
                .contains("ThresholdsFailed");
    }

    @Test
    @Order(2)
    void aTimedOutRunStillHasItsRunnersLog() throws Exception {
        String name = "timeout-evidence";
        String yaml = Examples.variant("minimal-sitrun.yaml", name, spec -> {
            spec.putObject("phaseTimeouts").put("testing", "40s");
            ((ObjectNode) spec.get("runner").get("features").get("configMapRef")).put("name", "waiting-features");
        });
        kubectl.apply(NS, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: waiting-features}
                data:
                  waiting.feature: |
                    Feature: Waiting
                      Scenario: Waits longer than the run may
                        Then no event matching "@.kind == 'never'" arrives on topic events_out for 600 seconds
                """);
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--ignore-not-found", "--timeout=180s");
        Command.Result run =
                sit.run(RUN, "run", "-n", NS, "-f", write(name + ".yaml", yaml).toString());

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isNotZero();
        assertThat(sitRuns.field(NS, name, ".status.reason"))
                .as(sitRuns.describe(NS, name))
                .isEqualTo("Timeout");
        Path dir = tmp.resolve(name);
        sit.run("evidence", name, "-n", NS, "-o", dir.toString()).orFail();
        Map<String, String> files = readAll(dir);
        assertThat(only(files, "logs/sit-runner-[^/]+/[^/]+\\.log"))
                .as("the runner's log, captured before its Job was stopped")
                .contains("Waits longer than the run may\" started");
        assertThat(files.get("jobs.txt")).contains("sit-runner");
    }

    @Test
    @Order(3)
    void badInputExitsTwoWithAJunitErrorCiCanRead() {
        String name = "missing-features";
        String yaml = Examples.variant(
                "minimal-sitrun.yaml",
                name,
                spec -> ((ObjectNode) spec.get("runner").get("features").get("configMapRef"))
                        .put("name", "no-such-features"));
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--ignore-not-found", "--timeout=180s");
        Path junit = tmp.resolve(name + ".xml");

        Command.Result run = sit.run(
                RUN, "run", "-n", NS, "-f", write(name + ".yaml", yaml).toString(), "--junit", junit.toString());

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(2);
        String xml = readString(junit);
        assertValidJunit(xml);
        assertThat(xml).contains("<error");
    }

    // --- the orders example, failing and noisy ---------------------------------------------------------------

    /** The orders example's first threshold asks for 9 records; the relay delivers 2. */
    static Consumer<ObjectNode> failingThreshold() {
        return features -> {
            ObjectNode data = (ObjectNode) features.get("data");
            data.put(
                    "product_1.feature",
                    data.get("product_1.feature")
                            .asText()
                            .replace(
                                    "the result contains 2 records with tolerance of +/- 1",
                                    "the result contains 9 records with tolerance of +/- 1"));
        };
    }

    /** Prints its Secret (as careless systems do), then 50 MB of log lines, the Secret again, then idles. */
    static ObjectNode noisySystem() {
        ObjectNode system = new ObjectMapper().createObjectNode();
        system.put("name", "noisy");
        system.put("image", "docker.io/apache/kafka:4.1.0");
        system.putArray("command")
                .add("/bin/sh")
                .add("-c")
                .add("echo \"token=$NOISY_TOKEN\"; "
                        + "yes 'noisy system line: nothing to see here, just volume' | head -c 52428800; echo; "
                        + "echo \"token=$NOISY_TOKEN\"; echo noisy-done; exec sleep 3600");
        system.putArray("env")
                .addObject()
                .put("name", "NOISY_TOKEN")
                .putObject("valueFrom")
                .putObject("secretKeyRef")
                .put("name", "noisy-token")
                .put("key", "token");
        return system;
    }

    static String ordersVariant(String name, Consumer<ObjectNode> editFeatures, Consumer<ObjectNode> editSpec) {
        return Examples.variant("orders-sitrun.yaml", name, editSpec, doc -> {
            if ("orders-features".equals(doc.path("metadata").path("name").asText())) {
                editFeatures.accept(doc);
            }
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    static void assertValidJunit(String xml) {
        try {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(Repo.path("operator/api/src/test/resources/junit-jenkins.xsd")
                            .toFile())
                    .newValidator()
                    .validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("JUnit XML not valid for Jenkins/GitLab: " + e.getMessage() + "\n" + xml, e);
        }
    }

    static Map<String, String> readAll(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(p -> dir.relativize(p).toString(), RealNodeEvidenceE2ETest::readString));
        }
    }

    /** The file at {@code path}; a failure shows what the bundle holds and its manifest's notes. */
    static String file(Map<String, String> files, String path) {
        assertThat(files)
                .as(() -> path + " in " + files.keySet() + "\n--- MANIFEST.txt ---\n" + files.get("MANIFEST.txt"))
                .containsKey(path);
        return files.get(path);
    }

    static String only(Map<String, String> files, String pathPattern) {
        List<String> matches =
                files.keySet().stream().filter(p -> p.matches(pathPattern)).toList();
        assertThat(matches)
                .as(() -> pathPattern + " in " + files.keySet() + "\n--- MANIFEST.txt ---\n" + files.get("MANIFEST.txt")
                        + "\n--- pods.txt ---\n" + files.get("pods.txt"))
                .hasSize(1);
        return files.get(matches.get(0));
    }

    static String readString(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(String fileName, String content) {
        try {
            return Files.writeString(tmp.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
