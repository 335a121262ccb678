package io.dataops.sit.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.operator.GoDuration;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.naming.RunNames;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Session name, tags and duration bounds of what is asked from STS. */
class SessionRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void durationFollowsTheTimeoutWithinStsBounds() {
        assertThat(SessionRequest.durationSeconds(AwsCredentialsSecretDependentTest.run("a", "30m"), NOW))
                .isEqualTo(1800);
        assertThat(SessionRequest.durationSeconds(AwsCredentialsSecretDependentTest.run("a", "5m"), NOW))
                .isEqualTo(900);
        assertThat(SessionRequest.durationSeconds(AwsCredentialsSecretDependentTest.run("a", "3h"), NOW))
                .isEqualTo(3600);
    }

    @Test
    void explicitSessionDurationWinsButStaysWithinTheChainedRoleLimit() {
        SitRun run = AwsCredentialsSecretDependentTest.run("a", "3h");
        run.getSpec().getAws().setSessionDurationSeconds(1200);
        assertThat(SessionRequest.durationSeconds(run, NOW)).isEqualTo(1200);
        run.getSpec().getAws().setSessionDurationSeconds(43200);
        assertThat(SessionRequest.durationSeconds(run, NOW)).isEqualTo(3600);
    }

    @Test
    void neverLongerThanWhatIsLeftOfTheRunButAtLeastTheStsMinimum() {
        SitRun run = AwsCredentialsSecretDependentTest.run("a", "1h");
        run.setStatus(new SitRunStatus());
        run.getStatus().setStartTime(NOW.minus(Duration.ofMinutes(20)).toString());
        assertThat(SessionRequest.durationSeconds(run, NOW)).isEqualTo(2400);
        run.getStatus().setStartTime(NOW.minus(Duration.ofMinutes(55)).toString());
        assertThat(SessionRequest.durationSeconds(run, NOW)).isEqualTo(900);
    }

    @Test
    void sessionNameIsSanitisedAndCutTo64() {
        SitRun run = AwsCredentialsSecretDependentTest.run("orders.pr-42", "30m");
        assertThat(AwsNames.sessionName(run)).isEqualTo("sit-orders.pr-42");
        run.getMetadata().setName("x".repeat(200));
        assertThat(AwsNames.sessionName(run)).hasSize(64).startsWith("sit-xxx").matches("[\\w+=,.@-]+");
        run.getMetadata().setName("a:b/c");
        assertThat(AwsNames.sessionName(run)).isEqualTo("sit-a-b-c");
    }

    @Test
    void tagsNameTheSitRunAndBothNamespaces() {
        SitRun run = AwsCredentialsSecretDependentTest.run("orders", "30m");
        run.getSpec().getAws().setExternalId("tenant-chosen"); // refused by the CRD; ignored if it ever gets through
        SessionRequest request = SessionRequest.forRun(
                run, NOW, new OperatorSettings.SecretsFence("sit-system", "sit-aws-roles", "prod-eu", true, false));
        assertThat(request.tags())
                .containsOnlyKeys(AwsNames.TAG_RUN, AwsNames.TAG_RUN_NAMESPACE, AwsNames.TAG_NAMESPACE)
                .containsEntry(AwsNames.TAG_RUN, "orders")
                .containsEntry(AwsNames.TAG_NAMESPACE, "team-a")
                .containsEntry(AwsNames.TAG_RUN_NAMESPACE, RunNames.namespace(run));
        assertThat(request.region()).isEqualTo("eu-west-1");
        assertThat(request.externalId()).isEqualTo("prod-eu:team-a");
        assertThat(request.sourceIdentity()).isEqualTo("team-a");
    }

    @Test
    void goDurations() {
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> GoDuration.parse("30 minutes")).isInstanceOf(IllegalArgumentException.class);
    }
}
