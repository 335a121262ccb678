package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sit run} end to end on the shipped examples: real embedded KRaft broker, real PostgreSQL,
 * the runner's relay in process (another command as a child process), the scenarios through the engine.
 */
class LocalModeTest {

    @TempDir
    Path out;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private LocalCommand command;

    private int run(String... args) {
        PrintStream print = new PrintStream(new TeeStream(console, System.out), true, StandardCharsets.UTF_8);
        command = new LocalCommand(print);
        return command.execute(args);
    }

    @Test
    void reportOptionsAreParsedAndTheUsageNamesThem() {
        LocalCommand.Options options =
                LocalCommand.parse(new String[] {"run.yaml", "--html", "r.html", "--junit", "j.xml"});
        assertThat(options.html()).isEqualTo(Path.of("r.html"));
        assertThat(options.junit()).isEqualTo(Path.of("j.xml"));
        assertThat(options.json()).isNull();

        int exit = run("--html");
        assertThat(exit).isEqualTo(2);
        assertThat(console.toString()).contains("missing file after --html", "[--junit F] [--json F] [--html F]");
    }

    @Test
    void minimalExamplePasses() throws Exception {
        Path json = out.resolve("minimal.json");
        Path html = out.resolve("minimal.html");

        int exit = run(
                ExamplesTest.EXAMPLES.resolve("minimal-sitrun.yaml").toString(),
                "--json",
                json.toString(),
                "--html",
                html.toString());

        assertThat(exit).as(console.toString()).isZero();
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds())
                .singleElement()
                .satisfies(t -> assertThat(t.getActual()).isEqualByComparingTo("3"));
        assertThat(console.toString())
                .contains(
                        "== [",
                        "Provisioning",
                        "Testing",
                        "Succeeded",
                        "system relay started",
                        "(in process)",
                        "HTML report written to " + html);
        assertThat(Files.readString(html)).containsIgnoringCase("<html");
    }

    @Test
    void aSystemRunsAsAChildProcessWhenItIsNotTheRunnersRelay() throws Exception {
        // the minimal example with its relay as a plain command: a second JVM, readiness by output + group settling
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String minimal = Files.readString(ExamplesTest.EXAMPLES.resolve("minimal-sitrun.yaml"));
        String child = minimal.replace(
                "command: [sit-runner, relay,",
                "command: [\"" + java + "\", -cp, \"" + System.getProperty("java.class.path")
                        + "\", io.dataops.sit.runner.Main, relay,");
        assertThat(child).isNotEqualTo(minimal);
        Path file = out.resolve("minimal-child.yaml");
        Files.writeString(file, child);

        int exit = run(file.toString());

        assertThat(exit).as(console.toString()).isZero();
        assertThat(console.toString())
                .contains("[relay] relay: relaying events_in -> events_out")
                .doesNotContain("(in process)");
    }

    @Test
    void ordersExampleSeedsRelaysAvroAndPasses() throws Exception {
        Path json = out.resolve("orders.json");
        Path junit = out.resolve("orders.xml");

        int exit = run(
                ExamplesTest.EXAMPLES.resolve("orders-sitrun.yaml").toString(),
                "--junit",
                junit.toString(),
                "--json",
                json.toString());

        assertThat(exit).as(console.toString()).isZero();
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getThresholds())
                .extracting(ThresholdResult::isPassed)
                .containsOnly(true)
                .hasSize(3);
        assertThat(Files.readString(junit)).contains("<testsuite");
        assertThat(console.toString())
                .contains(
                        "Seeding",
                        "gate customers prefer a known currency: passed",
                        "postgres version/image are cluster settings");
    }

    @Test
    void failingExampleExitsOneAndReportsTheActualCount() throws Exception {
        Path json = out.resolve("failing.json");

        int exit = run(ExamplesTest.EXAMPLES.resolve("failing-sitrun.yaml").toString(), "--json", json.toString());

        assertThat(exit).as(console.toString()).isEqualTo(1);
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        ThresholdResult threshold = result.getThresholds().get(0);
        assertThat(threshold.isPassed()).isFalse();
        assertThat(threshold.getExpected()).isEqualByComparingTo(BigDecimal.TEN);
        assertThat(threshold.getActual()).isEqualByComparingTo("3");
    }

    /**
     * The minimal example's relay (a real system under test, in process) behind three scenarios: an @isolated one
     * counts on the relay's output topic only what its own publish produced, the untagged one after it everything.
     */
    @Test
    void anIsolatedScenarioCountsOnlyTheOutputOfItsOwnInput() throws Exception {
        String minimal = Files.readString(ExamplesTest.EXAMPLES.resolve("minimal-sitrun.yaml"));
        int from = minimal.indexOf("  relay.feature: |\n");
        int to = minimal.indexOf("  events.json: |\n");
        assertThat(from).isPositive();
        assertThat(to).isGreaterThan(from);
        String features = """
                  relay.feature: |
                    Feature: Relay, scenario by scenario
                      Scenario: three events relayed first
                        Given sample data is loaded from: events.json
                        And published to Kafka topic: events_in
                        When relay job started: relay
                        And finished processing

                      @isolated
                      Scenario: two more, counted alone
                        Given sample data is:
                          \"\"\"
                          {"event_id": "e-4", "kind": "order_created", "amount": 1.0}
                          {"event_id": "e-5", "kind": "order_created", "amount": 2.0}
                          \"\"\"
                        And published to Kafka topic: events_in
                        When relay job started: relay
                        And finished processing
                        And result consumed from Kafka topic on checkpoint: events_out
                        Then the result contains 2 records with tolerance of +/- 0
                        And no event matching "@.event_id == 'e-1'" arrives on topic events_out for 1 seconds

                      Scenario: everything, untagged
                        When result consumed from Kafka topic on checkpoint: events_out
                        Then the result contains 5 records with tolerance of +/- 0
                """;
        Path file = out.resolve("isolated-sitrun.yaml");
        Files.writeString(file, minimal.substring(0, from) + features + minimal.substring(to));
        Path json = out.resolve("isolated.json");

        int exit = run(file.toString(), "--json", json.toString());

        assertThat(exit).as(console.toString()).isZero();
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getThresholds())
                .extracting(ThresholdResult::getScenario, t -> t.getActual().intValue())
                .containsExactly(
                        tuple("two more, counted alone", 2),
                        tuple("two more, counted alone", 0),
                        tuple("everything, untagged", 5));
    }

    @Test
    void aFileWithoutSitRunIsBadInput() throws Exception {
        Path file = out.resolve("only-configmap.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: b}\n");
        Path json = out.resolve("bad.json");

        assertThat(run(file.toString(), "--json", json.toString())).isEqualTo(2);
        assertThat(console.toString()).contains("holds no SitRun");
        assertThat(ResultCodec.readRunner(Files.readString(json)).getReason()).isEqualTo("BadInput");
    }

    @Test
    void aMissingConfigMapIsNamedBeforeAnythingStarts() throws Exception {
        String sitRun = Files.readString(ExamplesTest.EXAMPLES.resolve("orders-sitrun.yaml"));
        // keep only the SitRun document: its ConfigMaps are then neither in the file nor beside it
        Path file = out.resolve("orders-alone.yaml");
        Files.writeString(file, sitRun.substring(sitRun.lastIndexOf("---")));

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(console.toString())
                .contains("features ConfigMap 'orders-features'", "ConfigMap 'orders-golden-v3' key 'schema.sql'")
                .doesNotContain("Provisioning");
    }

    @Test
    void anUnknownStepFailsBeforeTheBrokerOrDatabaseStarts() throws Exception {
        // the orders example (a broker, a database and a system) with one step no step definition matches
        String orders = Files.readString(ExamplesTest.EXAMPLES.resolve("orders-sitrun.yaml"));
        String typo = orders.replace("And finished processing", "And finished procesing");
        assertThat(typo).isNotEqualTo(orders);
        Path file = out.resolve("orders-typo.yaml");
        Files.writeString(file, typo);
        Path json = out.resolve("typo.json");

        assertThat(run(file.toString(), "--json", json.toString())).isEqualTo(2);

        assertThat(command.startedResources().everStarted())
                .as(console.toString())
                .isZero();
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getMessage()).contains("product_1.feature:11", "finished procesing");
        assertThat(console.toString()).doesNotContain("Provisioning");
    }

    @Test
    void configMapsMayBeFoldersBesideTheFile() throws Exception {
        String minimal = Files.readString(ExamplesTest.EXAMPLES.resolve("minimal-sitrun.yaml"));
        Path file = out.resolve("minimal-alone.yaml");
        Files.writeString(file, minimal.substring(minimal.lastIndexOf("---")));
        Path features = Files.createDirectories(out.resolve("minimal-features"));
        var cm = SitRunFile.read(ExamplesTest.EXAMPLES.resolve("minimal-sitrun.yaml"))
                .configMaps()
                .get("minimal-features");
        for (var e : cm.getData().entrySet()) {
            Files.writeString(features.resolve(e.getKey()), e.getValue());
        }
        LocalFixtures fixtures = new LocalFixtures(Map.of(), out, out.resolve("tmp"));

        assertThat(fixtures.directory("minimal-features")).isEqualTo(features);
        assertThat(new String(
                        fixtures.read(new ConfigMapKeyRef("minimal-features", "events.json")), StandardCharsets.UTF_8))
                .contains("e-3");
        assertThat(fixtures.describe("minimal-features")).contains("from folder");
    }

    @Test
    void sitRunnerCommandRunsThisRunner() {
        var expanded = LocalSystem.expand(List.of("sit-runner", "relay", "--from", "a"), out);

        assertThat(expanded.get(0)).endsWith("/bin/java");
        assertThat(expanded).containsSequence("io.dataops.sit.runner.Main", "relay", "--from", "a");
        assertThat(LocalSystem.expand(List.of("bin/tool", "x"), out).get(0))
                .isEqualTo(out.resolve("bin/tool").toString());
    }

    /** Shows the run's console in the test log while keeping it for assertions. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
