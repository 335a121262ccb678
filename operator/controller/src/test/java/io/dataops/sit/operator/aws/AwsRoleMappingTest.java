package io.dataops.sit.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin's namespace-to-role allow-list: deny by default, exact ARNs, and '/*' only at a path step. */
class AwsRoleMappingTest {

    private static final String LOADER = "arn:aws:iam::123456789012:role/sit/team-a/loader";

    @Test
    void nothingIsAllowedWithoutAMapping() {
        assertThat(new AwsRoleMapping(null).allows("team-a", LOADER)).isFalse();
        assertThat(new AwsRoleMapping(Map.of()).allows("team-a", LOADER)).isFalse();
        assertThat(new AwsRoleMapping(Map.of("team-b", LOADER)).allows("team-a", LOADER))
                .as("another namespace's mapping")
                .isFalse();
    }

    @Test
    void exactArnsOnePerLineOrCommaSeparated() {
        AwsRoleMapping mapping = new AwsRoleMapping(Map.of(
                "team-a",
                "# loaders\n" + LOADER + "\n arn:aws:iam::123456789012:role/a , arn:aws:iam::123456789012:role/b\n"));
        assertThat(mapping.allows("team-a", LOADER)).isTrue();
        assertThat(mapping.allows("team-a", "arn:aws:iam::123456789012:role/b")).isTrue();
        assertThat(mapping.allows("team-a", "arn:aws:iam::123456789012:role/sit/team-a/loader2"))
                .isFalse();
        assertThat(mapping.allows("team-a", "arn:aws:iam::210987654321:role/sit/team-a/loader"))
                .as("same name in another account")
                .isFalse();
    }

    @Test
    void pathWildcardCoversThatPathOnly() {
        AwsRoleMapping mapping = new AwsRoleMapping(Map.of("team-a", "arn:aws:iam::123456789012:role/sit/team-a/*"));
        assertThat(mapping.allows("team-a", LOADER)).isTrue();
        assertThat(mapping.allows("team-a", "arn:aws:iam::123456789012:role/sit/team-a/deep/x"))
                .isTrue();
        assertThat(mapping.allows("team-a", "arn:aws:iam::123456789012:role/sit/team-ab/x"))
                .isFalse();
        assertThat(mapping.allows("team-a", "arn:aws:iam::123456789012:role/sit/team-a/"))
                .isFalse();
    }

    @Test
    void malformedEntriesAllowNothingAndAreReported() {
        AwsRoleMapping mapping = new AwsRoleMapping(Map.of(
                "team-a",
                "*\narn:aws:iam::*:role/x\narn:aws:iam::123456789012:role/sit-*\narn:aws:iam::123456789012:role/*x"));
        assertThat(mapping.allows("team-a", "arn:aws:iam::123456789012:role/sit-loader"))
                .isFalse();
        assertThat(mapping.allows("team-a", "arn:aws:iam::123456789012:role/x")).isFalse();
        assertThat(mapping.malformed("team-a")).hasSize(4);
    }

    @Test
    void accountWideWildcardIsAnExplicitChoice() {
        AwsRoleMapping mapping = new AwsRoleMapping(Map.of("team-a", "arn:aws:iam::123456789012:role/*"));
        assertThat(mapping.allows("team-a", LOADER)).isTrue();
        assertThat(mapping.malformed("team-a")).isEmpty();
    }
}
