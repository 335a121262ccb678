package io.dataops.sit.operator.aws;

import io.dataops.sit.api.RunReason;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * Obtains temporary credentials for a run from STS, always with AssumeRole carrying the run's session tags,
 * the operator-derived ExternalId and SourceIdentity, so a run role can trust exactly one principal (the
 * operator's role) for exactly one tenant namespace.
 *
 * <p>Where the operator's own credentials come from: with a projected web-identity token (EKS IRSA:
 * AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN set) it first calls AssumeRoleWithWebIdentity into the
 * <em>operator's own role</em> (AWS_ROLE_ARN), reading the token afresh because the kubelet rotates it, and keeps
 * those credentials until shortly before they expire; AssumeRoleWithWebIdentity takes neither session tags nor an
 * ExternalId, which is why the run role is never assumed with the token directly. Otherwise the SDK's default
 * chain (instance profile, env, ...) gives the operator's credentials.
 *
 * <p>STS' error text names the operator's role ARN: it goes to the operator log only; the exception (which
 * reaches the SitRun's status) carries the error code and a generic message. Only the session name, role and
 * expiration are ever logged on success.
 */
@Singleton
public class StsCredentialsIssuer {

    private static final Logger LOG = Logger.getLogger(StsCredentialsIssuer.class);

    static final String ENV_WEB_IDENTITY_TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
    static final String ENV_ROLE_ARN = "AWS_ROLE_ARN";
    /** Session name of the operator's own web-identity session (visible in CloudTrail). */
    static final String OPERATOR_SESSION_NAME = "sit-operator";
    /** The operator's own credentials are renewed when less than this is left. */
    static final Duration OPERATOR_REFRESH_MARGIN = Duration.ofMinutes(10);

    /** The operator's IRSA identity: the projected token and the role it may assume with it. */
    public record WebIdentity(Path tokenFile, String operatorRoleArn) {}

    private final Optional<URI> endpointOverride;
    private final Optional<WebIdentity> webIdentity;
    private final Supplier<AwsCredentialsProvider> baseCredentials;
    private final Clock clock;
    private Credentials operatorCredentials;

    @Inject
    public StsCredentialsIssuer(@ConfigProperty(name = "sit.aws.sts-endpoint") Optional<String> stsEndpoint) {
        this(
                stsEndpoint.map(URI::create),
                webIdentity(System.getenv()),
                // Built on first use only: an operator without runs that need AWS never looks for credentials.
                new Memo<>(() -> DefaultCredentialsProvider.builder().build()),
                Clock.systemUTC());
    }

    public StsCredentialsIssuer(
            Optional<URI> endpointOverride,
            Optional<WebIdentity> webIdentity,
            Supplier<AwsCredentialsProvider> baseCredentials,
            Clock clock) {
        this.endpointOverride = endpointOverride;
        this.webIdentity = webIdentity;
        this.baseCredentials = baseCredentials;
        this.clock = clock;
    }

    /** The token file and operator role when both IRSA variables are set, as EKS' pod identity webhook injects them. */
    public static Optional<WebIdentity> webIdentity(Map<String, String> env) {
        String tokenFile = env.get(ENV_WEB_IDENTITY_TOKEN_FILE);
        String roleArn = env.get(ENV_ROLE_ARN);
        if (tokenFile == null || tokenFile.isBlank() || roleArn == null || roleArn.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new WebIdentity(Path.of(tokenFile), roleArn));
    }

    public boolean usesWebIdentity() {
        return webIdentity.isPresent();
    }

    public IssuedCredentials issue(SessionRequest request) {
        Instant issuedAt = clock.instant();
        Credentials credentials;
        try {
            AwsCredentialsProvider operator = webIdentity.isPresent()
                    ? StaticCredentialsProvider.create(sessionCredentials(operatorCredentials(request.region())))
                    : baseCredentials.get();
            credentials = assumeRole(request, operator);
        } catch (StsException e) {
            boolean transientFailure = e.isThrottlingException() || e.statusCode() >= 500;
            String code = e.awsErrorDetails() == null
                    ? "Unknown"
                    : e.awsErrorDetails().errorCode();
            String detail = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            // The detail names the operator's role: operator log only.
            LOG.warnf(
                    "STS refused session %s for role %s: %s: %s",
                    request.sessionName(), request.roleArn(), code, detail);
            throw new AwsCredentialsException(
                    transientFailure ? RunReason.STS_UNAVAILABLE : RunReason.ASSUME_ROLE_FAILED,
                    "STS refused credentials for role " + request.roleArn() + " (" + code + "). The role must trust "
                            + "the operator's role for ExternalId " + request.externalId() + " and session tag "
                            + AwsNames.TAG_NAMESPACE + "=" + request.tags().get(AwsNames.TAG_NAMESPACE)
                            + " (see the trust-policy template in deploy/README.md); details are in the operator log",
                    transientFailure,
                    null);
        } catch (SdkClientException e) {
            LOG.warnf("STS could not be reached for session %s: %s", request.sessionName(), e.getMessage());
            throw new AwsCredentialsException(
                    RunReason.STS_UNAVAILABLE, "STS could not be reached; will retry", true, null);
        }
        IssuedCredentials issued = new IssuedCredentials(
                credentials.accessKeyId(),
                credentials.secretAccessKey(),
                credentials.sessionToken(),
                issuedAt,
                credentials.expiration(),
                request.sessionName());
        LOG.infof(
                "Assumed role %s as session %s until %s",
                request.roleArn(), request.sessionName(), issued.expiration());
        return issued;
    }

    private Credentials assumeRole(SessionRequest request, AwsCredentialsProvider operator) {
        AssumeRoleRequest call = AssumeRoleRequest.builder()
                .roleArn(request.roleArn())
                .roleSessionName(request.sessionName())
                .durationSeconds(request.durationSeconds())
                .externalId(request.externalId())
                .sourceIdentity(request.sourceIdentity())
                .tags(request.tags().entrySet().stream()
                        .map(tag -> Tag.builder()
                                .key(tag.getKey())
                                .value(tag.getValue())
                                .build())
                        .toList())
                .build();
        try (StsClient sts = client(request.region(), operator)) {
            return sts.assumeRole(call).credentials();
        }
    }

    /** The operator's own role credentials on IRSA, renewed shortly before they expire. */
    private synchronized Credentials operatorCredentials(String region) {
        if (operatorCredentials != null
                && clock.instant().isBefore(operatorCredentials.expiration().minus(OPERATOR_REFRESH_MARGIN))) {
            return operatorCredentials;
        }
        WebIdentity identity = webIdentity.orElseThrow();
        String token;
        try {
            token = Files.readString(identity.tokenFile(), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            LOG.warnf("cannot read the web identity token file %s: %s", identity.tokenFile(), e.toString());
            throw new AwsCredentialsException(
                    RunReason.WEB_IDENTITY_TOKEN_UNREADABLE,
                    "the operator cannot read its web identity token; will retry",
                    true,
                    null);
        }
        AssumeRoleWithWebIdentityRequest call = AssumeRoleWithWebIdentityRequest.builder()
                .roleArn(identity.operatorRoleArn())
                .roleSessionName(OPERATOR_SESSION_NAME)
                .webIdentityToken(token)
                .build();
        // The call is authenticated by the token itself, not by signed AWS credentials.
        try (StsClient sts = client(region, AnonymousCredentialsProvider.create())) {
            operatorCredentials = sts.assumeRoleWithWebIdentity(call).credentials();
        }
        return operatorCredentials;
    }

    private static AwsSessionCredentials sessionCredentials(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private StsClient client(String region, AwsCredentialsProvider credentials) {
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                // The JDK's HttpURLConnection: no Netty or Apache HTTP client in the operator for one call per hour.
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        endpointOverride.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Creates a value once, on first use. */
    static final class Memo<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Memo(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }
    }
}
