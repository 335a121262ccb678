package io.dataops.sit.operator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyValueItsLinesAndItsBase64FormAreRedactedShortOnesAreNot() {
        var secret = new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .addToData("password", b64("MARKER-s3cr3t-value"))
                .addToData("pem", b64("-----BEGIN KEY-----\nAAAABBBBCCCCDDDD\n-----END KEY-----"))
                .addToData("user", b64("sit")) // 3 characters: would blank out ordinary words
                .addToData(
                        "credentials",
                        b64("[default]\naws_access_key_id = AKIAEXAMPLE7\naws_session_token=TOKEN-xyz-123\n"))
                .build();
        var scrubber = SecretScrubber.of(List.of(secret));

        String scrubbed = scrubber.scrub("login sit with MARKER-s3cr3t-value; key line AAAABBBBCCCCDDDD; encoded "
                + b64("MARKER-s3cr3t-value") + "; url postgres://sit:pw@db:5432/x; aws AKIAEXAMPLE7 TOKEN-xyz-123");

        assertThat(scrubbed)
                .doesNotContain(
                        "MARKER-s3cr3t-value",
                        "AAAABBBBCCCCDDDD",
                        b64("MARKER-s3cr3t-value"),
                        "AKIAEXAMPLE7",
                        "TOKEN-xyz-123")
                .contains("login sit with [redacted]", "key line [redacted]", "postgres://***@db:5432/x");
    }
}
