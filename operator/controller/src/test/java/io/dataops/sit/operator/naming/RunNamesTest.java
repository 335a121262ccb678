package io.dataops.sit.operator.naming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunNamesTest {

    private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    @Test
    void namespaceIsDeterministicAndPrefixed() {
        String a = RunNames.namespace("team-a", "orders-pr-42", "uid-1", null);
        assertThat(a).isEqualTo(RunNames.namespace("team-a", "orders-pr-42", "uid-1", null));
        assertThat(a)
                .startsWith("sit-orders-pr-42-")
                .hasSize("sit-orders-pr-42-".length() + 5)
                .matches(DNS_LABEL);
    }

    @Test
    void namespaceDiffersPerSitRunNamespaceUidAndRerun() {
        String base = RunNames.namespace("team-a", "orders", "uid-1", null);
        assertThat(RunNames.namespace("team-b", "orders", "uid-1", null)).isNotEqualTo(base);
        assertThat(RunNames.namespace("team-a", "orders", "uid-2", null)).isNotEqualTo(base);
        assertThat(RunNames.namespace("team-a", "orders", "uid-1", "abc123")).isNotEqualTo(base);
    }

    @Test
    void longAndDottedNamesStayValidLabels() {
        String longName = "a".repeat(200) + ".b-c";
        String ns = RunNames.namespace("default", longName, "uid", null);
        assertThat(ns).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        String trailingDash = RunNames.namespace("default", "x".repeat(52) + "-yyyy", "uid", null);
        assertThat(trailingDash).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL).doesNotContain("--");
        assertThat(RunNames.namespace("default", "my.run.v1", "uid", null)).matches(DNS_LABEL);
    }

    @Test
    void longLabelValuesAreShortenedDeterministically() {
        String value = "n".repeat(100);
        assertThat(RunNames.labelValue(value)).hasSizeLessThanOrEqualTo(63).isEqualTo(RunNames.labelValue(value));
        assertThat(RunNames.labelValue("short")).isEqualTo("short");
    }
}
