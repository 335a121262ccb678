package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.Repo;
import io.dataops.sit.e2e.support.SitRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every file in examples/ is accepted by a real API server, and the minimal one applies as the README says. */
@ExtendWith(E2EExtension.class)
class ExamplesE2ETest {

    static final String NS = "e2e-examples";
    static Kubectl kubectl;

    @BeforeAll
    static void setUp(E2EEnvironment env) {
        kubectl = env.kubectl();
        new SitRuns(kubectl).createNamespace(NS);
    }

    @Test
    void everyExampleValidatesAgainstTheApiServer() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Repo.path("examples"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            kubectl.ok("apply", "--dry-run=server", "-n", NS, "-f", file.toString());
        }
    }

    @Test
    void minimalExampleAppliesAndIsListed() {
        String out = kubectl.ok(
                "apply",
                "-n",
                NS,
                "-f",
                Repo.path("examples/minimal-sitrun.yaml").toString());
        assertThat(out).contains("sitrun.sit.dataops.io/");
        assertThat(kubectl.ok("get", "sitruns", "-n", NS)).contains("PHASE");
        assertThat(kubectl.ok("get", "sit", "-n", NS, "--no-headers")).isNotBlank();
        kubectl.ok(
                "delete",
                "-n",
                NS,
                "-f",
                Repo.path("examples/minimal-sitrun.yaml").toString(),
                "--wait=false");
    }
}
