package io.dataops.sit.operator.aws;

import java.time.Instant;

/** One set of temporary credentials from STS. toString never shows the secret parts. */
public record IssuedCredentials(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        Instant issuedAt,
        Instant expiration,
        String sessionName) {

    /** The AWS shared-credentials file (profile {@code default}) every AWS SDK and the CLI read. */
    public String toSharedCredentialsFile() {
        return "[default]\n"
                + "aws_access_key_id = " + accessKeyId + "\n"
                + "aws_secret_access_key = " + secretAccessKey + "\n"
                + "aws_session_token = " + sessionToken + "\n";
    }

    @Override
    public String toString() {
        return "IssuedCredentials[sessionName=" + sessionName + ", issuedAt=" + issuedAt + ", expiration=" + expiration
                + ", secrets redacted]";
    }
}
