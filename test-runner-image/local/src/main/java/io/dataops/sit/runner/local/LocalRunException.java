package io.dataops.sit.runner.local;

/** Why a local run could not go on; {@link #reason} is the RunnerResult reason it ends with. */
final class LocalRunException extends Exception {

    final String reason;

    LocalRunException(String reason, String message) {
        super(message);
        this.reason = reason;
    }
}
