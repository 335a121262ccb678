package io.dataops.sit.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.AwsSpec;
import io.dataops.sit.operator.MutableClock;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The AWS credentials dependent against a local STS stub: AssumeRole, web identity, refresh and refusal. */
class AwsCredentialsSecretDependentTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/sit-runner";
    private static final String OPERATOR_ROLE = "arn:aws:iam::123456789012:role/sit-operator";
    private static final String OPERATOR_ACCESS_KEY = "AKIAOPERATORSTATIC";
    private static final String OPERATOR_SECRET_KEY = "operatorStaticSecret/K7MDENG";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<Object> created = new ArrayList<>();
    private StsStub sts;

    @BeforeEach
    void startStub() throws Exception {
        sts = new StsStub(clock::instant);
    }

    @AfterEach
    void stopStub() {
        sts.close();
    }

    @Test
    void assumeRoleWritesTheCredentialsFileWithTagsExternalIdSourceIdentityAndDuration() {
        AwsCredentialsSecretDependent dependent = new AwsCredentialsSecretDependent(assumeRoleIssuer(), clock);
        SitRun run = run("orders-pr-42", "30m");

        Secret secret = reconcile(dependent, run, Optional.empty());

        assertThat(sts.requests()).hasSize(1);
        StsStub.Request call = sts.requests().getFirst();
        assertThat(call.action()).isEqualTo("AssumeRole");
        assertThat(call.params())
                .containsEntry("RoleArn", ROLE)
                .containsEntry("RoleSessionName", "sit-orders-pr-42")
                .containsEntry("DurationSeconds", "1800")
                .containsEntry("ExternalId", "sit:team-a")
                .containsEntry("SourceIdentity", "team-a")
                .containsEntry("Tags.member.1.Key", "sit-run")
                .containsEntry("Tags.member.1.Value", "orders-pr-42")
                .containsEntry("Tags.member.2.Key", "sit-namespace")
                .containsEntry("Tags.member.2.Value", "team-a")
                .containsEntry("Tags.member.3.Key", "sit-run-namespace")
                .containsEntry("Tags.member.3.Value", RunNames.namespace(run));
        assertThat(call.authorization())
                .as("signed with the operator's own credentials")
                .contains("Credential=" + OPERATOR_ACCESS_KEY + "/");

        assertThat(secret.getMetadata().getName()).isEqualTo(AwsNames.SECRET);
        assertThat(secret.getMetadata().getNamespace()).isEqualTo(RunNames.namespace(run));
        assertThat(secret.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(secret.getMetadata().getLabels())
                .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                .containsEntry(Labels.COMPONENT, AwsNames.COMPONENT)
                .containsEntry(Labels.RUN, "orders-pr-42")
                .containsEntry(Labels.RUN_NAMESPACE, "team-a");
        assertThat(secret.getMetadata().getAnnotations())
                .containsEntry(AwsNames.EXPIRATION_ANNOTATION, "2026-11-21T10:30:00Z")
                .containsEntry(AwsNames.ISSUED_AT_ANNOTATION, "2026-11-21T10:00:00Z")
                .containsEntry(AwsNames.SESSION_NAME_ANNOTATION, "sit-orders-pr-42");
        assertThat(secret.getStringData())
                .as("stringData would never match what the server stores")
                .isNullOrEmpty();
        assertThat(credentialsFile(secret))
                .isEqualTo("""
                [default]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                aws_session_token = %s
                """.formatted(StsStub.accessKey(1), StsStub.secretKey(1), StsStub.sessionToken(1)));

        assertThat(AwsCredentialsSecretDependent.status(secret)).satisfies(status -> {
            assertThat(status.getSecretName()).isEqualTo(AwsNames.SECRET);
            assertThat(status.getSessionName()).isEqualTo("sit-orders-pr-42");
            assertThat(status.getExpiration()).isEqualTo("2026-11-21T10:30:00Z");
        });
    }

    @Test
    void reconcilesFarFromExpiryKeepTheSecretAndOnlyNearExpiryCallStsAgain() {
        AwsCredentialsSecretDependent dependent = new AwsCredentialsSecretDependent(assumeRoleIssuer(), clock);
        SitRun run = run("orders-pr-42", "2h");

        Secret first = reconcile(dependent, run, Optional.empty());
        assertThat(first.getMetadata().getAnnotations())
                .containsEntry(AwsNames.EXPIRATION_ANNOTATION, "2026-11-21T11:00:00Z");
        // one hour of lifetime: refresh once less than 20% (12 minutes) is left, i.e. at 10:48
        assertThat(AwsCredentialsSecretDependent.refreshAt(first)).contains(Instant.parse("2026-11-21T10:48:00Z"));

        clock.advance(Duration.ofMinutes(10));
        Secret second = reconcile(dependent, run, Optional.of(first));
        clock.advance(Duration.ofMinutes(30));
        Secret third = reconcile(dependent, run, Optional.of(second));
        assertThat(sts.requests()).as("two reconciles far from expiry").hasSize(1);
        assertThat(third).isSameAs(first);
        assertThat(AwsCredentialsSecretDependent.refreshIn(third, clock.instant()))
                .isEqualTo(Duration.ofMinutes(8));

        clock.advance(Duration.ofMinutes(9)); // 10:49, inside the refresh window
        assertThat(AwsCredentialsSecretDependent.refreshIn(third, clock.instant()))
                .isZero();
        Secret refreshed = reconcile(dependent, run, Optional.of(third));
        assertThat(sts.requests()).hasSize(2);
        assertThat(credentialsFile(refreshed)).contains(StsStub.accessKey(2)).doesNotContain(StsStub.accessKey(1));
        assertThat(refreshed.getMetadata().getAnnotations())
                .containsEntry(AwsNames.ISSUED_AT_ANNOTATION, "2026-11-21T10:49:00Z");
        assertThat(Instant.parse(refreshed.getMetadata().getAnnotations().get(AwsNames.EXPIRATION_ANNOTATION)))
                .isAfter(Instant.parse("2026-11-21T11:00:00Z"));
    }

    @Test
    void aChangedRoleIsReissuedRightAway() {
        AwsCredentialsSecretDependent dependent = new AwsCredentialsSecretDependent(assumeRoleIssuer(), clock);
        SitRun run = run("orders-pr-42", "30m");
        Secret first = reconcile(dependent, run, Optional.empty());

        run.getSpec().getAws().setRoleArn("arn:aws:iam::123456789012:role/other");
        reconcile(dependent, run, Optional.of(first));

        assertThat(sts.requests())
                .extracting(r -> r.params().get("RoleArn"))
                .containsExactly(ROLE, "arn:aws:iam::123456789012:role/other");
    }

    @Test
    void onIrsaTheOperatorRoleIsAssumedWithTheTokenThenChainedIntoTheRunRoleWithTags(@TempDir Path dir)
            throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "eyJhbGciOiJSUzI1NiJ9.projected-token.sig\n");
        StsCredentialsIssuer issuer = new StsCredentialsIssuer(
                Optional.of(sts.endpoint()),
                Optional.of(new StsCredentialsIssuer.WebIdentity(tokenFile, OPERATOR_ROLE)),
                () -> {
                    throw new AssertionError("the web identity path must not look for other credentials");
                },
                clock);
        assertThat(issuer.usesWebIdentity()).isTrue();
        AwsCredentialsSecretDependent dependent = new AwsCredentialsSecretDependent(issuer, clock);

        Secret secret = reconcile(dependent, run("orders-pr-42", "10m"), Optional.empty());

        assertThat(sts.requests())
                .extracting(StsStub.Request::action)
                .containsExactly("AssumeRoleWithWebIdentity", "AssumeRole");
        StsStub.Request own = sts.requests().get(0);
        assertThat(own.params())
                .containsEntry("RoleArn", OPERATOR_ROLE)
                .containsEntry("RoleSessionName", "sit-operator")
                .containsEntry("WebIdentityToken", "eyJhbGciOiJSUzI1NiJ9.projected-token.sig")
                .doesNotContainKeys("Tags.member.1.Key", "ExternalId");
        assertThat(own.authorization()).isNull();
        StsStub.Request chained = sts.requests().get(1);
        assertThat(chained.params())
                .containsEntry("RoleArn", ROLE)
                .containsEntry("RoleSessionName", "sit-orders-pr-42")
                .containsEntry("DurationSeconds", "900")
                .containsEntry("ExternalId", "sit:team-a")
                .containsEntry("SourceIdentity", "team-a")
                .containsEntry("Tags.member.2.Value", "team-a");
        assertThat(chained.authorization())
                .as("signed with the operator role's session")
                .contains("Credential=" + StsStub.accessKey(1) + "/");
        assertThat(credentialsFile(secret)).contains(StsStub.sessionToken(2)).doesNotContain(StsStub.sessionToken(1));

        // The operator's own session is reused while fresh: another run costs one AssumeRole only.
        reconcile(dependent, run("orders-pr-43", "10m"), Optional.empty());
        assertThat(sts.requests())
                .extracting(StsStub.Request::action)
                .containsExactly("AssumeRoleWithWebIdentity", "AssumeRole", "AssumeRole");
    }

    @Test
    void theOperatorsOwnSessionIsRenewedWithAFreshTokenBeforeItExpires(@TempDir Path dir) throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "first-token");
        StsCredentialsIssuer issuer = new StsCredentialsIssuer(
                Optional.of(sts.endpoint()),
                Optional.of(new StsCredentialsIssuer.WebIdentity(tokenFile, OPERATOR_ROLE)),
                () -> {
                    throw new AssertionError("no default chain on IRSA");
                },
                clock);
        issuer.issue(SessionRequest.forRun(run("a", "30m"), clock.instant(), OperatorSettings.SecretsFence.defaults()));

        Files.writeString(tokenFile, "rotated-token"); // the kubelet rotates the projected token
        clock.advance(Duration.ofMinutes(45)); // 15 minutes left of the operator's one-hour session: still used
        issuer.issue(SessionRequest.forRun(run("b", "30m"), clock.instant(), OperatorSettings.SecretsFence.defaults()));
        clock.advance(Duration.ofMinutes(6)); // 9 minutes left: renewed first, with the current token
        issuer.issue(SessionRequest.forRun(run("c", "30m"), clock.instant(), OperatorSettings.SecretsFence.defaults()));

        assertThat(sts.requests())
                .extracting(StsStub.Request::action)
                .containsExactly(
                        "AssumeRoleWithWebIdentity",
                        "AssumeRole",
                        "AssumeRole",
                        "AssumeRoleWithWebIdentity",
                        "AssumeRole");
        assertThat(sts.requests().get(3).params()).containsEntry("WebIdentityToken", "rotated-token");
        assertThat(sts.requests().get(4).authorization()).contains("Credential=" + StsStub.accessKey(4) + "/");
    }

    @Test
    void refusedRoleIsATypedErrorWithoutSecretsAndNoSecret() {
        sts.denyAll();
        AwsCredentialsSecretDependent dependent = new AwsCredentialsSecretDependent(assumeRoleIssuer(), clock);
        SitRun run = run("orders-pr-42", "30m");
        List<Secret> written = new ArrayList<>();

        AwsCredentialsException refused = catchThrowableOfType(
                AwsCredentialsException.class, () -> written.add(reconcile(dependent, run, Optional.empty())));

        assertThat(written).isEmpty();
        assertThat(sts.requests())
                .hasSize(1)
                .first()
                .extracting(StsStub.Request::action)
                .isEqualTo("AssumeRole");
        assertThat(refused.getReason()).isEqualTo(RunReason.ASSUME_ROLE_FAILED.value());
        assertThat(refused.isRetryable()).isFalse();
        assertThat(refused.getMessage())
                .contains("AccessDenied", ROLE, "sit:team-a")
                .as("STS' text names the operator's role: operator log only")
                .doesNotContain("assumed-role/sit-operator", "is not authorized");
        created.add(refused);
        assertNoSecretIn(created);
    }

    @Test
    void noCredentialAppearsInToStringOrMessages() {
        AwsCredentialsSecretDependent dependent = new AwsCredentialsSecretDependent(assumeRoleIssuer(), clock);
        SitRun run = run("orders-pr-42", "30m");
        IssuedCredentials issued = assumeRoleIssuer()
                .issue(SessionRequest.forRun(run, clock.instant(), OperatorSettings.SecretsFence.defaults()));
        Secret secret = reconcile(dependent, run, Optional.empty());
        created.addAll(List.of(
                issued,
                SessionRequest.forRun(run, clock.instant(), OperatorSettings.SecretsFence.defaults()),
                AwsCredentialsSecretDependent.status(secret),
                secret.getMetadata(),
                dependent));

        assertThat(issued.toSharedCredentialsFile()).contains(StsStub.secretKey(1)); // the file itself has them
        assertNoSecretIn(created);
    }

    @Test
    void unreachableStsIsRetryableAndSaysSo() {
        StsCredentialsIssuer issuer =
                new StsCredentialsIssuer(Optional.of(sts.endpoint()), Optional.empty(), operatorCredentials(), clock);
        sts.close(); // nothing listens on the port any more
        SitRun run = run("orders-pr-42", "30m");

        assertThatThrownBy(() -> issuer.issue(
                        SessionRequest.forRun(run, clock.instant(), OperatorSettings.SecretsFence.defaults())))
                .isInstanceOfSatisfying(AwsCredentialsException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(RunReason.STS_UNAVAILABLE.value());
                    assertThat(e.isRetryable()).isTrue();
                });
    }

    @Test
    void conditionIsMetOnlyWhenSpecAwsIsSet() {
        AwsRequestedCondition condition = new AwsRequestedCondition();
        SitRun withAws = run("a", "30m");
        SitRun withoutAws = run("b", "30m");
        withoutAws.getSpec().setAws(null);

        assertThat(condition.isMet(null, withAws, null)).isTrue();
        assertThat(condition.isMet(null, withoutAws, null)).isFalse();
    }

    /** What JOSDK's AbstractDependentResource does with the dependent: create, or match then update. */
    private static Secret reconcile(AwsCredentialsSecretDependent dependent, SitRun run, Optional<Secret> stored) {
        if (stored.isEmpty()) {
            return dependent.desired(run, Optional.<Secret>empty(), OperatorSettings.SecretsFence.defaults());
        }
        if (dependent.match(stored.get(), run, null).matched()) {
            return stored.get();
        }
        return dependent.desired(run, stored, OperatorSettings.SecretsFence.defaults());
    }

    private StsCredentialsIssuer assumeRoleIssuer() {
        return new StsCredentialsIssuer(Optional.of(sts.endpoint()), Optional.empty(), operatorCredentials(), clock);
    }

    private static Supplier<AwsCredentialsProvider> operatorCredentials() {
        return () ->
                StaticCredentialsProvider.create(AwsBasicCredentials.create(OPERATOR_ACCESS_KEY, OPERATOR_SECRET_KEY));
    }

    private static void assertNoSecretIn(List<Object> objects) {
        for (Object object : objects) {
            String text = object instanceof Throwable t ? t.getMessage() + " " + t : String.valueOf(object);
            for (int n = 1; n <= 3; n++) {
                assertThat(text)
                        .as("%s", object.getClass().getSimpleName())
                        .doesNotContain(StsStub.secretKey(n), StsStub.sessionToken(n), StsStub.accessKey(n));
            }
            assertThat(text).doesNotContain(OPERATOR_SECRET_KEY);
        }
    }

    private static String credentialsFile(Secret secret) {
        return new String(
                Base64.getDecoder().decode(secret.getData().get(RunContract.AWS_CREDENTIALS_KEY)),
                StandardCharsets.UTF_8);
    }

    static SitRun run(String name, String timeout) {
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace("team-a")
                .withUid("uid-" + name)
                .build());
        SitRunSpec spec = new SitRunSpec();
        spec.setTimeout(timeout);
        AwsSpec aws = new AwsSpec();
        aws.setRoleArn(ROLE);
        aws.setRegion("eu-west-1");
        spec.setAws(aws);
        run.setSpec(spec);
        return run;
    }
}
