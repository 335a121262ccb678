package io.dataops.sit.runner.steps;

import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.evidence.TouchedData;
import io.dataops.sit.runner.trace.FlowTraces;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What every scenario of one engine run shares: where brokers, databases and fixtures are, the timing knobs,
 * where thresholds are collected for the report and which data the steps touched (for the evidence). The engine
 * hands one instance to the object factory; step classes receive it through their constructor, next to the
 * scenario's own {@link ScenarioWorld}. {@code traces} is null when the run receives no traces.
 */
public record RunContext(
        RunEnvironment env,
        Path featuresDir,
        Consumer<ThresholdResult> thresholdSink,
        StepSettings settings,
        TouchedData touchedData,
        FlowTraces traces) {

    /** A run without a trace receiver: the flow steps say so, publishing adds no trace context. */
    public RunContext(
            RunEnvironment env,
            Path featuresDir,
            Consumer<ThresholdResult> thresholdSink,
            StepSettings settings,
            TouchedData touchedData) {
        this(env, featuresDir, thresholdSink, settings, touchedData, null);
    }

    /** Records a threshold of {@code world}'s scenario; a missed one then fails the scenario. */
    void record(ScenarioWorld world, ThresholdResult threshold) {
        threshold.setScenario(world.scenarioName());
        thresholdSink.accept(threshold);
        if (!threshold.isPassed()) {
            throw new ThresholdFailure("threshold missed: " + threshold.getName() + " — expected "
                    + expectedText(threshold) + ", actual "
                    + (threshold.getActual() == null
                            ? "not measured"
                            : threshold.getActual().toPlainString())
                    + (threshold.getMessage() == null ? "" : " (" + threshold.getMessage() + ")"));
        }
    }

    private static String expectedText(ThresholdResult t) {
        String expected = t.getExpected() == null ? "?" : t.getExpected().toPlainString();
        if (t.getTolerance() == null || t.getTolerance().signum() == 0) {
            return expected;
        }
        return expected + " +/- " + t.getTolerance().toPlainString()
                + ("percent".equals(t.getToleranceUnit()) ? "%" : "");
    }
}
