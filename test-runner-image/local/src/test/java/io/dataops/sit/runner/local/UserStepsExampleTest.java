package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.runner.testing.StepJars;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/user-steps-sitrun.yaml through {@code ./sit run}'s code: its step class compiled and packed as the file's
 * header says (javac + jar, into user-steps/target/acme-steps.jar beside the file), then run against the embedded
 * broker with the relay in process. The team's step publishes, the built-in steps count what the relay wrote.
 */
class UserStepsExampleTest {

    static final Path EXAMPLE = ExamplesTest.EXAMPLES.resolve("user-steps-sitrun.yaml");
    static final Path STEP_SOURCE =
            ExamplesTest.EXAMPLES.resolve("user-steps/src/com/acme/sit/steps/AcmeOrderSteps.java");

    @TempDir
    Path out;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** The example beside its freshly built jar, with {@code from} replaced by {@code to} in the file. */
    private Path example(String from, String to) throws Exception {
        StepJars.build(
                out.resolve("user-steps/target"),
                "acme-steps.jar",
                Map.of("com.acme.sit.steps.AcmeOrderSteps", Files.readString(STEP_SOURCE)));
        String yaml = Files.readString(EXAMPLE);
        assertThat(yaml).contains(from);
        Path file = out.resolve("user-steps-sitrun.yaml");
        Files.writeString(file, yaml.replace(from, to));
        return file;
    }

    private LocalCommand command;

    private RunnerResult run(Path file) throws Exception {
        Path json = out.resolve("result.json");
        command = new LocalCommand(new PrintStream(console, true, StandardCharsets.UTF_8));
        int exit = command.execute(new String[] {file.toString(), "--json", json.toString()});
        System.out.print(console.toString(StandardCharsets.UTF_8));
        RunnerResult result = ResultCodec.readRunner(Files.readString(json));
        assertThat(exit)
                .as(console.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        switch (result.getOutcome()) {
                            case PASSED -> 0;
                            case FAILED -> 1;
                            case ERROR -> 2;
                        });
        return result;
    }

    @Test
    void theExamplesOwnStepPublishesAndTheBuiltInStepsCountWhatTheRelayWrote() throws Exception {
        RunnerResult result = run(example("kind: SitRun", "kind: SitRun"));

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getThresholds()).singleElement().satisfies(t -> {
            assertThat(t.isPassed()).isTrue();
            assertThat(t.getActual()).isEqualByComparingTo("4");
        });
    }

    @Test
    void theTeamsAssertionFailsTheScenario() throws Exception {
        RunnerResult result = run(example("Then acme published 4 orders", "Then acme published 5 orders"));

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getReason()).isEqualTo(RunReason.SCENARIO_FAILED.value());
        assertThat(result.getMessage()).contains("acme published 4 orders, expected 5");
    }

    @Test
    void anUnknownStepIsReportedBeforeAnythingStarts() throws Exception {
        RunnerResult result = run(example("Then acme published 4 orders", "Then acme publishd 4 orders"));

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("UnknownStep");
        assertThat(result.getMessage())
                .contains("acme.feature:7")
                .contains("acme publishd 4 orders")
                .contains("did you mean \"acme published <value> orders\"");
        assertThat(command.startedResources().everStarted()).isZero();
    }

    @Test
    void aMissingLocalJarIsNamedBeforeAnythingStarts() throws Exception {
        RunnerResult result = run(example("user-steps/target/acme-steps.jar", "user-steps/target/absent.jar"));

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo(RunReason.USER_STEPS_INVALID.value());
        assertThat(result.getMessage()).contains("local jar user-steps/target/absent.jar not found");
        assertThat(command.startedResources().everStarted()).isZero();
    }
}
