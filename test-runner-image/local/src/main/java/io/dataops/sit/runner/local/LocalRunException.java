package io.dataops.sit.runner.local;

import io.dataops.sit.api.RunReason;

/** Why a local run could not go on; {@link #reason} is the RunnerResult reason it ends with. */
final class LocalRunException extends Exception {

    final String reason;

    LocalRunException(RunReason reason, String message) {
        this(reason.value(), message);
    }

    /** A reason of local mode's own (no SitRun status carries it) or one handed on from a seed result. */
    LocalRunException(String reason, String message) {
        super(message);
        this.reason = reason;
    }
}
