package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** databases[].masking through {@code ./sit run}: the same Seeder as the seed Job, on the orders example. */
class LocalMaskingTest {

    private static final String DATASET = "      datasetVersion: orders-golden-v3\n";

    @TempDir
    Path out;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void columnsAreMaskedInPlaceAfterTheSeedStepsAndTheRunPasses() throws Exception {
        Path file = orders("""
                      masking:
                        pii: [customer.email]
                        columns:
                          - {table: currency, column: name, as: hex}
                """);

        int exit = run(file.toString());

        assertThat(exit).as(console.toString()).isZero();
        assertThat(console.toString())
                .contains("masked [currency.name] in place: 12 rows", "masks with the public default key");
    }

    @Test
    void aDeclaredPiiColumnNothingMasksStopsTheSeed() throws Exception {
        Path file = orders("""
                      masking:
                        pii: [customer.email, currency.name]
                """);
        Path json = out.resolve("pii.json");

        int exit = run(file.toString(), "--json", json.toString());

        assertThat(exit).as(console.toString()).isEqualTo(2);
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("PiiUnmasked");
        assertThat(result.getMessage()).contains("currency.name").doesNotContain("customer.email,");
    }

    private Path orders(String masking) throws Exception {
        String orders = Files.readString(ExamplesTest.EXAMPLES.resolve("orders-sitrun.yaml"));
        assertThat(orders).contains(DATASET);
        Path file = out.resolve("orders-masked.yaml");
        Files.writeString(file, orders.replace(DATASET, DATASET + masking));
        return file;
    }

    private int run(String... args) {
        return new LocalCommand(new PrintStream(console, true, StandardCharsets.UTF_8)).execute(args);
    }
}
