package io.dataops.sit.runner.engine;

import io.dataops.sit.api.results.RunProgress;

/**
 * Told the run's progress: once before the first scenario (finished 0, with the total) and after each scenario.
 * Called on Cucumber's thread between scenarios, so it should be quick; what it throws is a warning, not a failure.
 */
@FunctionalInterface
public interface RunProgressListener {

    RunProgressListener NONE = progress -> {};

    void onProgress(RunProgress progress);
}
