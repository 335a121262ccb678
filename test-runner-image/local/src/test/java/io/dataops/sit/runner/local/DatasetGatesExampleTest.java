package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.SeedResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/dataset-gates-sitrun.yaml through {@code ./sit run}: two real embedded PostgreSQL servers, the manifest,
 * the schema, column and migration gates in the seeds, the foreign key across the two databases before the scenario,
 * every gate in the JSON result and the printed table; and the same file with one byte of a fixture changed.
 */
class DatasetGatesExampleTest {

    static final Path EXAMPLE = ExamplesTest.EXAMPLES.resolve("dataset-gates-sitrun.yaml");

    @TempDir
    Path out;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private int run(String... args) {
        return new LocalCommand(new PrintStream(console, true, StandardCharsets.UTF_8)).execute(args);
    }

    @Test
    void theExamplePassesAndReportsEveryGate() throws Exception {
        Path json = out.resolve("gates.json");

        int exit = run(EXAMPLE.toString(), "--json", json.toString());

        assertThat(exit).as(console.toString()).isZero();
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getGates())
                .extracting(SeedResult.GateResult::database, SeedResult.GateResult::type, SeedResult.GateResult::passed)
                .containsExactlyInAnyOrder(
                        tuple("crm", "rowCount", true),
                        tuple("crm", "column", true),
                        tuple("orders", "schema", true),
                        tuple("orders", "column", true),
                        tuple("orders", "column", true),
                        tuple("orders", "migrationVersion", true),
                        tuple("orders", "crossDatabaseForeignKey", true));
        assertThat(console.toString())
                .contains("dataset orders-golden-v4 matches its manifest (3 file(s), sha256 ")
                .contains("seed: gate orders table as migration 2 made it: passed")
                // the results table: the seeds' gates and the runner's, one row each
                .contains(
                        "GATE", "every order's customer exists in crm", "crossDatabaseForeignKey", "migrationVersion");
    }

    @Test
    void aChangedFixtureIsDriftBeforeAnyRowIsLoaded() throws Exception {
        Path drifted = out.resolve("drifted.yaml");
        String original = Files.readString(EXAMPLE);
        Files.writeString(drifted, original.replace("1002,2,5.00,USD", "1002,2,5.01,USD"));

        int exit = run(drifted.toString());

        assertThat(exit).as(console.toString()).isEqualTo(2);
        assertThat(console.toString())
                .contains("DatasetDrift")
                .contains("orders-golden-v4/orders.csv has sha256 ")
                .doesNotContain("Testing");
    }
}
