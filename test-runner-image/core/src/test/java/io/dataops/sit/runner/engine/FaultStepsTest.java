package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ScenarioResult;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.FaultTarget;
import io.dataops.sit.runner.env.Faults;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fault steps ask of the port and when, through the engine: the opt-in, names only from the run, the
 * scenario-end hook undoing exactly what a scenario left down. The port here records the calls; the real broker,
 * database and systems going down and coming back are LocalFaultsTest's (local module) and ClusterFaultsTest's.
 */
class FaultStepsTest {

    @TempDir
    Path features;

    /** Records each call; never touches a component. */
    static final class RecordingFaults implements Faults {
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void stop(FaultTarget target) {
            calls.add("stop " + target);
        }

        @Override
        public synchronized void start(FaultTarget target) {
            calls.add("start " + target);
        }
    }

    private static SitRun sitRun(boolean faults) {
        SitRun run = new SitRun();
        run.setSpec(new SitRunSpec());
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        runner.setFaults(faults);
        run.getSpec().setRunner(runner);
        SystemSpec worker = new SystemSpec();
        worker.setName("worker");
        run.getSpec().setSystems(List.of(worker));
        return run;
    }

    private RunnerResult run(SitRun sitRun, Faults faults) {
        RunEnvironment env = new RunEnvironment(
                        sitRun,
                        Map.of("events", "localhost:1"),
                        Map.of(
                                "warehouse",
                                new DatabaseConnection("warehouse", "localhost", 1, "warehouse", "postgres", "")),
                        null,
                        Optional.empty(),
                        Optional.empty(),
                        Map.of())
                .withFaults(faults);
        return new ScenarioEngine(TestEnv.fastSettings(), false).run(env, features, null);
    }

    @Test
    void whatAScenarioLeavesDownIsBroughtBackAtItsEndAndOnlyThat() throws Exception {
        TestEnv.write(features, "faults.feature", """
                Feature: faults
                  Scenario: fails with the broker and a system down
                    Given the broker events is unavailable
                    And the system worker is unavailable
                    And the database warehouse is restarted
                    Then the broker events is unavailable

                  Scenario: restores one itself
                    Given the database warehouse is unavailable
                    And the database warehouse is available again
                    And the broker events is unavailable for 30 seconds
                    And the broker events is available again
                    Then the system worker is restarted

                  Scenario: restores what is not down
                    Given the system worker is available again

                  Scenario: names something outside the run
                    Given the database billing is unavailable
                """);
        RecordingFaults faults = new RecordingFaults();

        RunnerResult result = run(sitRun(true), faults);

        assertThat(result.getScenarioResults())
                .extracting(ScenarioResult::getName, ScenarioResult::getStatus)
                .containsExactly(
                        tuple("fails with the broker and a system down", "error"),
                        tuple("restores one itself", "passed"),
                        tuple("restores what is not down", "error"),
                        tuple("names something outside the run", "error"));
        assertThat(result.getScenarioResults().get(0).getMessage()).contains("broker events is unavailable already");
        assertThat(result.getScenarioResults().get(2).getMessage()).contains("system worker is not unavailable");
        assertThat(result.getScenarioResults().get(3).getMessage())
                .contains("no database named 'billing'", "[warehouse]");
        assertThat(faults.calls)
                .containsExactly(
                        "stop broker events",
                        "stop system worker",
                        "stop database warehouse",
                        "start database warehouse",
                        // the first scenario's end: what it left down, in the order it went down
                        "start broker events",
                        "start system worker",
                        "stop database warehouse",
                        "start database warehouse",
                        // restored by the step before its 30 s were up: once, and the timer does nothing
                        "stop broker events",
                        "start broker events",
                        "stop system worker",
                        "start system worker");
    }

    @Test
    void withoutTheOptInNoFaultIsInjected() throws Exception {
        TestEnv.write(features, "faults.feature", """
                Feature: faults
                  Scenario: not allowed
                    Given the broker events is unavailable
                """);
        RecordingFaults faults = new RecordingFaults();

        RunnerResult result = run(sitRun(false), faults);

        assertThat(result.getReason()).isEqualTo("BadInput");
        assertThat(result.getMessage()).contains("spec.runner.faults: true");
        assertThat(faults.calls).isEmpty();
    }
}
