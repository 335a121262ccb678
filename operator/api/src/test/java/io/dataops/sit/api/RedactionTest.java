package io.dataops.sit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What reaches status, events and logs: URL credentials and query strings masked, text bounded to 4 KiB. */
class RedactionTest {

    private static final String MARKER = "s3cr3t-MARKER-42";

    @Test
    void urlUserinfoQueryAndFragmentAreMaskedButTheTargetStays() {
        String text = "starting https://bot:" + MARKER + "@ci.example.com:8443/hooks/start?token=" + MARKER
                + "&x=1#frag" + MARKER + " returned HTTP 500";
        assertThat(Redaction.redact(text))
                .isEqualTo("starting https://***@ci.example.com:8443/hooks/start?***#*** returned HTTP 500");
    }

    @Test
    void jdbcUrlsAndBareAssignmentsAndBearerTokens() {
        assertThat(Redaction.redact("jdbc:postgresql://db:5432/orders?user=app&password=" + MARKER))
                .isEqualTo("jdbc:postgresql://db:5432/orders?***");
        assertThat(Redaction.redact("connect failed (password=" + MARKER + ", user=app)"))
                .doesNotContain(MARKER)
                .contains("password=***")
                .contains("user=app");
        assertThat(Redaction.redact("API_TOKEN: '" + MARKER + "' rejected")).doesNotContain(MARKER);
        assertThat(Redaction.redact("Authorization: Bearer " + MARKER + "abcdef"))
                .doesNotContain(MARKER);
    }

    @Test
    void ordinaryMessagesAreUntouched() {
        String text = "waiting for brokers [events] and databases [warehouse]; 3/4 scenarios passed: see http://x/y";
        assertThat(Redaction.redact(text)).isEqualTo(text);
        assertThat(Redaction.safe(null)).isNull();
    }

    @Test
    void boundedToFourKibOnACharacterBoundary() {
        String huge = "é".repeat(200_000) + MARKER;
        String safe = Redaction.safe(huge);
        assertThat(safe.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Redaction.MAX_BYTES);
        assertThat(safe).endsWith("[truncated]").doesNotContain(MARKER).startsWith("éé");
        String emoji = "😀".repeat(2000);
        assertThat(Redaction.truncate(emoji, 4096)).doesNotContain("\uFFFD").matches("(😀)+…\\[truncated]");
    }

    @Test
    void firstLineDropsTheStatementAndValuesDatabasesAppend() {
        String pg = "ERROR: duplicate key value violates unique constraint \"k\"\n  Detail: Key (token)=(" + MARKER
                + ") already exists.\n  Where: SQL statement \"INSERT INTO t VALUES ('" + MARKER + "')\"";
        assertThat(Redaction.firstLine(pg)).isEqualTo("ERROR: duplicate key value violates unique constraint \"k\"");
    }
}
