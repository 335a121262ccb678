package io.dataops.sit.runner.steps;

import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.evidence.TouchedData;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Hands the run's environment to the step classes, which Cucumber instantiates itself (no-arg
 * constructors). The engine sets it before a run and clears it afterwards; runs are sequential
 * (one Cucumber thread), so one holder is enough. {@link #world()} is the per-scenario state.
 */
public final class ScenarioContext {

    private static volatile Run current;

    private ScenarioContext() {
    }

    /** What one engine run gives the steps. */
    public record Run(RunEnvironment env, Path featuresDir, Consumer<ThresholdResult> thresholdSink,
                      StepSettings settings, TouchedData touchedData) {
        public Run(RunEnvironment env, Path featuresDir, Consumer<ThresholdResult> thresholdSink, StepSettings settings) {
            this(env, featuresDir, thresholdSink, settings, new TouchedData());
        }
    }

    public static void begin(Run run) {
        current = run;
    }

    public static void end() {
        current = null;
    }

    static Run run() {
        Run run = current;
        if (run == null) {
            throw new IllegalStateException("steps run outside the scenario engine (no ScenarioContext)");
        }
        return run;
    }

    public static RunEnvironment env() {
        return run().env();
    }

    /** The tables of {@code database} a step named (for the data evidence); a no-op outside a run. */
    static TouchedData touchedData() {
        Run run = current;
        return run == null ? new TouchedData() : run.touchedData();
    }

    public static StepSettings settings() {
        return run().settings();
    }

    private static final ThreadLocal<ScenarioWorld> WORLD = new ThreadLocal<>();

    static void startScenario(String scenarioName, String featureUri) {
        WORLD.set(new ScenarioWorld(scenarioName, featureUri));
    }

    static void finishScenario() {
        ScenarioWorld world = WORLD.get();
        WORLD.remove();
        if (world != null) {
            world.close();
        }
    }

    public static ScenarioWorld world() {
        ScenarioWorld world = WORLD.get();
        if (world == null) {
            throw new IllegalStateException("no scenario is running");
        }
        return world;
    }

    /** Records a threshold of the current scenario; a missed one then fails the scenario. */
    static void record(ThresholdResult threshold) {
        threshold.setScenario(world().scenarioName());
        run().thresholdSink().accept(threshold);
        if (!threshold.isPassed()) {
            throw new ThresholdFailure("threshold missed: " + threshold.getName() + " — expected "
                    + expectedText(threshold) + ", actual "
                    + (threshold.getActual() == null ? "not measured" : threshold.getActual().toPlainString())
                    + (threshold.getMessage() == null ? "" : " (" + threshold.getMessage() + ")"));
        }
    }

    private static String expectedText(ThresholdResult t) {
        String expected = t.getExpected() == null ? "?" : t.getExpected().toPlainString();
        if (t.getTolerance() == null || t.getTolerance().signum() == 0) {
            return expected;
        }
        return expected + " +/- " + t.getTolerance().toPlainString() + ("percent".equals(t.getToleranceUnit()) ? "%" : "");
    }
}
