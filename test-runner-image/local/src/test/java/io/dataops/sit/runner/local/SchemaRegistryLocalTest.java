package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/schema-registry-sitrun.yaml through {@code ./sit run}'s code, on the real parts: the embedded broker, the
 * Apicurio Registry distribution (module schema-registry) started as a child process, and, added to the example, a
 * system that reads what the runner published with Apicurio's own Avro deserializer ({@link
 * RegistryDeserializingSystem}) and writes what it decoded to orders_decoded, where the scenario looks for the values.
 */
class SchemaRegistryLocalTest {

    static final Path EXAMPLE = ExamplesTest.EXAMPLES.resolve("schema-registry-sitrun.yaml");

    @TempDir
    Path out;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

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

    /** The example plus the registry-deserializing system and a scenario step on what it decoded. */
    private Path exampleWithADeserializingSystem() throws Exception {
        String yaml = Files.readString(EXAMPLE);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String system = "    - name: registry-system\n"
                + "      image: registry.example.com/registry-system:1\n"
                + "      local:\n"
                + "        command: "
                + yamlList(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        RegistryDeserializingSystem.class.getName(),
                        "orders",
                        "orders_decoded"))
                + "\n";
        String lastStep =
                "        And an event matching \"@.id == 'o-2' && @.currency == 'USD'\" arrives on topic orders_out"
                        + " within 30 seconds\n";
        String decodedStep = "        And an event matching \"@.id == 'o-3' && @.amount == 3.25 && @.currency =="
                + " 'GBP'\" arrives on topic orders_decoded within 60 seconds\n";
        assertThat(yaml).contains("  systems:\n", lastStep, "          - { name: orders_out, partitions: 1 }\n");
        String changed = yaml.replace("  systems:\n", "  systems:\n" + system)
                .replace(lastStep, lastStep + decodedStep)
                .replace(
                        "          - { name: orders_out, partitions: 1 }\n",
                        "          - { name: orders_out, partitions: 1 }\n"
                                + "          - { name: orders_decoded, partitions: 1 }\n");
        Path file = out.resolve("schema-registry-sitrun.yaml");
        Files.writeString(file, changed);
        return file;
    }

    private static String yamlList(List<String> items) {
        StringBuilder list = new StringBuilder("[");
        for (String item : items) {
            if (list.length() > 1) {
                list.append(", ");
            }
            list.append('"')
                    .append(item.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return list.append(']').toString();
    }

    @Test
    void aSystemWithARegistryDeserializerReadsWhatTheRunnerPublishesWithTheRegistry() throws Exception {
        Path json = out.resolve("result.json");

        int exit = run(exampleWithADeserializingSystem().toString(), "--json", json.toString());

        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isZero();
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds()).hasSize(4).allMatch(ThresholdResult::isPassed);
        assertThat(result.getThresholds())
                .extracting(ThresholdResult::getName)
                .anyMatch(name -> name.contains("orders_decoded"));
        assertThat(log)
                .containsPattern("schema registry ready at http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7 \\(\\d+ ms\\)")
                .contains("published 3 records to orders (Avro, io.dataops.sit.examples.Order) in the registry wire"
                        + " format, schema id ")
                .contains("of subject orders-value")
                // Apicurio's deserializer decoded every record with the values the runner published
                .contains("registry-system: decoded {\"id\": \"o-1\", \"amount\": 12.5, \"currency\": \"EUR\"}")
                .contains("registry-system: decoded {\"id\": \"o-2\", \"amount\": 99.0, \"currency\": \"USD\"}")
                .contains("registry-system: decoded {\"id\": \"o-3\", \"amount\": 3.25, \"currency\": \"GBP\"}");
    }

    @Test
    void publishingWithTheRegistryInARunWithoutOneIsAnErrorNamingTheSetting() throws Exception {
        String yaml = Files.readString(EXAMPLE).replace("  schemaRegistry:\n    enabled: true\n", "");
        Path file = out.resolve("no-registry.yaml");
        Files.writeString(file, yaml);
        Path json = out.resolve("result.json");

        int exit = run(file.toString(), "--json", json.toString());

        String log = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(log).isEqualTo(2);
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getReason()).isEqualTo("SchemaRegistryUnreachable");
        assertThat(log).contains("set spec.schemaRegistry.enabled: true").doesNotContain("schema registry ready");
    }

    @Test
    void aMissingRegistryBuildIsNamedWithHowToMakeIt() {
        Path missing = out.resolve("nowhere/quarkus-run.jar");

        LocalRunException e = catchThrowableOfType(
                LocalRunException.class,
                () -> LocalSchemaRegistry.start(missing, out, Duration.ofSeconds(5))
                        .close());

        assertThat(e.reason).isEqualTo("SchemaRegistryNotStarted");
        assertThat(e.getMessage()).contains(missing.toString(), "./sit build");
    }

    @Test
    void theRegistryBuildIsFoundBesideThisModule() {
        assertThat(LocalSchemaRegistry.locateJar())
                .endsWith(Path.of("schema-registry", "target", "quarkus-app", "quarkus-run.jar"))
                .isRegularFile();
    }
}
