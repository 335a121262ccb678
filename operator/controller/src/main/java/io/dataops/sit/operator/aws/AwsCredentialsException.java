package io.dataops.sit.operator.aws;

/**
 * STS did not give credentials for the run. The reason is machine-readable (for the SitRun's status); the
 * message names the STS error code and message and never carries a key, secret or token.
 */
public class AwsCredentialsException extends RuntimeException {

    /** STS refused the role (AccessDenied, a malformed policy, an invalid token, an expired token...). */
    public static final String ASSUME_ROLE_FAILED = "AssumeRoleFailed";
    /** STS could not be reached or answered with a server error; trying again later may succeed. */
    public static final String STS_UNAVAILABLE = "StsUnavailable";
    /** The projected web-identity token file could not be read. */
    public static final String WEB_IDENTITY_TOKEN_UNREADABLE = "WebIdentityTokenUnreadable";

    private final String reason;
    private final boolean retryable;

    public AwsCredentialsException(String reason, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.reason = reason;
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
