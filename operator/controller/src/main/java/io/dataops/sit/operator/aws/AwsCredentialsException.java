package io.dataops.sit.operator.aws;

import io.dataops.sit.api.RunReason;

/**
 * STS did not give credentials for the run. The reason is machine-readable (for the SitRun's status); the
 * message names the STS error code and message and never carries a key, secret or token.
 */
public class AwsCredentialsException extends RuntimeException {

    private final String reason;
    private final boolean retryable;

    public AwsCredentialsException(RunReason reason, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.reason = reason.value();
        this.retryable = retryable;
    }

    public String getReason() {
        return reason;
    }

    /** True when the failure is transient (network, throttling, STS 5xx) rather than a refusal of the role. */
    public boolean isRetryable() {
        return retryable;
    }
}
