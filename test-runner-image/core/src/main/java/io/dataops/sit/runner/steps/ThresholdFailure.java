package io.dataops.sit.runner.steps;

/** A threshold was measured and missed: fails the scenario (outcome Failed, not Error). */
public class ThresholdFailure extends AssertionError {
    public ThresholdFailure(String message) {
        super(message);
    }
}
