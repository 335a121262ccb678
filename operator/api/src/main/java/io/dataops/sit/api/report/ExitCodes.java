package io.dataops.sit.api.report;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.RunnerResult;

/** Process exit code of a run: 0 passed, 1 failed (threshold/scenario), 2 error (bad input, unreachable). */
public final class ExitCodes {

    private ExitCodes() {}

    public static int of(RunnerResult result) {
        if (result == null || result.getOutcome() == null) {
            return RunContract.EXIT_ERROR;
        }
        return switch (result.getOutcome()) {
            case PASSED -> RunContract.EXIT_PASSED;
            case FAILED -> RunContract.EXIT_FAILED;
            case ERROR -> RunContract.EXIT_ERROR;
        };
    }
}
