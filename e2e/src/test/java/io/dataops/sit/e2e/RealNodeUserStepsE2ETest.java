package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.e2e.support.Repo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * examples/user-steps-sitrun.yaml in real pods: the example's step class built as its header says (javac against the
 * local-mode jar, then packed), the jar put into a ConfigMap with kubectl as a user would, and the run's runner pod
 * loading it next to the built-in steps from the read-only mount. Needs test-runner-image/local/target/sit-local.jar
 * ({@code ./sit build}).
 */
@Order(Integer.MAX_VALUE - 7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeUserStepsE2ETest extends RealNodeTests {

    static final String NS = "e2e-user-steps-node";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    @Test
    @Order(1)
    void theExamplesOwnStepRunsInTheRunnerPodAndPasses() throws Exception {
        sitRuns.createNamespace(NS);
        Path jar = buildExampleJar();
        kubectl.run("delete", "configmap", "acme-steps", "-n", NS, "--ignore-not-found");
        kubectl.ok("create", "configmap", "acme-steps", "-n", NS, "--from-file=steps.jar=" + jar);
        assertThat(kubectl.ok("get", "configmap", "acme-steps", "-n", NS, "-o", "jsonpath={.binaryData}"))
                .contains("steps.jar");

        kubectl.ok(
                "apply",
                "-n",
                NS,
                "-f",
                Repo.path("examples/user-steps-sitrun.yaml").toString());
        awaitEnded(NS, "user-steps", RUN_TIMEOUT);

        assertThat(sitRuns.phase(NS, "user-steps"))
                .as(() -> sitRuns.describe(NS, "user-steps") + "\n" + diagnostics(NS, "user-steps"))
                .isEqualTo("Succeeded");
        assertThat(sitRuns.field(NS, "user-steps", ".status.results.scenarios.passed"))
                .isEqualTo("1");
        assertThat(sitRuns.field(NS, "user-steps", ".status.results.thresholds[0].actual"))
                .isEqualTo("4");
        kubectl.ok("delete", "sitrun", "user-steps", "-n", NS, "--wait=false");
    }

    @Test
    @Order(2)
    void aKeyThatIsNotThereEndsTheRunBeforeTheRunnerStarts() {
        String yaml = readExample()
                .replace("key: steps.jar", "key: absent.jar")
                .replace("  name: user-steps\n", "  name: user-steps-absent\n");
        sitRuns.applyFresh(NS, "user-steps-absent", yaml);
        awaitEnded(NS, "user-steps-absent", RUN_TIMEOUT);

        assertThat(sitRuns.phase(NS, "user-steps-absent")).isEqualTo("Error");
        assertThat(sitRuns.field(NS, "user-steps-absent", ".status.reason")).isEqualTo("UserStepsInvalid");
        assertThat(sitRuns.field(NS, "user-steps-absent", ".status.message"))
                .contains("ConfigMap acme-steps has no key 'absent.jar'");
        kubectl.ok("delete", "sitrun", "user-steps-absent", "-n", NS, "--wait=false");
    }

    private static String readExample() {
        try {
            return Files.readString(Repo.path("examples/user-steps-sitrun.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** javac + jar as the example's header says, into e2e/target/user-steps/acme-steps.jar. */
    static Path buildExampleJar() throws IOException {
        Path localJar = Repo.path("test-runner-image/local/target/sit-local.jar");
        assertThat(localJar).as("build it first: ./sit build").exists();
        Path work = Repo.path("e2e/target/user-steps");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", localJar.toString()));
        try (Stream<Path> sources = Files.walk(Repo.path("examples/user-steps/src"))) {
            sources.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .forEach(args::add);
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new));
        assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Path jar = work.resolve("acme-steps.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(p -> !p.equals(classes)).collect(Collectors.toCollection(TreeSet::new))) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                out.putNextEntry(new JarEntry(Files.isDirectory(p) ? name + "/" : name));
                if (!Files.isDirectory(p)) {
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
