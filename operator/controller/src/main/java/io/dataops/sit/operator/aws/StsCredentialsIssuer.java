package io.dataops.sit.operator.aws;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
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
 * Obtains temporary credentials for a run from STS.
 *
 * <p>When the operator runs with a projected web-identity token (EKS IRSA: AWS_WEB_IDENTITY_TOKEN_FILE and
 * AWS_ROLE_ARN set) it calls AssumeRoleWithWebIdentity for the run's role with that token, read afresh on
 * every call because the kubelet rotates it. That call takes neither session tags nor an external ID: the
 * session's tags come from the token's claims (the role's trust policy can match on them), so the run's tags
 * and externalId are skipped there. Otherwise it calls AssumeRole with the default credentials chain, passing
 * the session tags and externalId.
 *
 * <p>Only the session name, role and expiration are ever logged.
 */
@Singleton
public class StsCredentialsIssuer {

    private static final Logger LOG = Logger.getLogger(StsCredentialsIssuer.class);

    static final String ENV_WEB_IDENTITY_TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
    static final String ENV_ROLE_ARN = "AWS_ROLE_ARN";

    private final Optional<URI> endpointOverride;
    private final Optional<Path> webIdentityTokenFile;
    private final Supplier<AwsCredentialsProvider> baseCredentials;
    private final Clock clock;

    @Inject
    public StsCredentialsIssuer(@ConfigProperty(name = "sit.aws.sts-endpoint") Optional<String> stsEndpoint) {
        this(stsEndpoint.map(URI::create), webIdentityTokenFile(System.getenv()),
                // Built on first use only: an operator without runs that need AWS never looks for credentials.
                new Memo<>(() -> DefaultCredentialsProvider.builder().build()), Clock.systemUTC());
    }

    public StsCredentialsIssuer(Optional<URI> endpointOverride, Optional<Path> webIdentityTokenFile,
            Supplier<AwsCredentialsProvider> baseCredentials, Clock clock) {
        this.endpointOverride = endpointOverride;
        this.webIdentityTokenFile = webIdentityTokenFile;
        this.baseCredentials = baseCredentials;
        this.clock = clock;
    }

    /** The token file when both IRSA variables are set, as EKS' pod identity webhook injects them. */
    public static Optional<Path> webIdentityTokenFile(Map<String, String> env) {
        String tokenFile = env.get(ENV_WEB_IDENTITY_TOKEN_FILE);
        String roleArn = env.get(ENV_ROLE_ARN);
        if (tokenFile == null || tokenFile.isBlank() || roleArn == null || roleArn.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(tokenFile));
    }

    public boolean usesWebIdentity() {
        return webIdentityTokenFile.isPresent();
    }

    public IssuedCredentials issue(SessionRequest request) {
        Instant issuedAt = clock.instant();
        Credentials credentials;
        try {
            credentials = webIdentityTokenFile.isPresent()
                    ? assumeRoleWithWebIdentity(request, webIdentityTokenFile.get())
                    : assumeRole(request);
        } catch (StsException e) {
            boolean transientFailure = e.isThrottlingException() || e.statusCode() >= 500;
            String code = e.awsErrorDetails() == null ? "Unknown" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new AwsCredentialsException(
                    transientFailure ? AwsCredentialsException.STS_UNAVAILABLE : AwsCredentialsException.ASSUME_ROLE_FAILED,
                    "STS refused to issue credentials for role " + request.roleArn() + " (session "
                            + request.sessionName() + "): " + code + ": " + message,
                    transientFailure, e);
        } catch (SdkClientException e) {
            throw new AwsCredentialsException(AwsCredentialsException.STS_UNAVAILABLE,
                    "STS could not be reached for role " + request.roleArn() + ": " + e.getMessage(), true, e);
        }
        IssuedCredentials issued = new IssuedCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), issuedAt, credentials.expiration(), request.sessionName());
        LOG.infof("Assumed role %s as session %s until %s", request.roleArn(), request.sessionName(),
                issued.expiration());
        return issued;
    }

    private Credentials assumeRole(SessionRequest request) {
        AssumeRoleRequest.Builder call = AssumeRoleRequest.builder()
                .roleArn(request.roleArn())
                .roleSessionName(request.sessionName())
                .durationSeconds(request.durationSeconds())
                .tags(request.tags().entrySet().stream()
                        .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                        .toList());
        if (request.externalId() != null) {
            call.externalId(request.externalId());
        }
        try (StsClient sts = client(request.region(), baseCredentials.get())) {
            return sts.assumeRole(call.build()).credentials();
        }
    }

    private Credentials assumeRoleWithWebIdentity(SessionRequest request, Path tokenFile) {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AwsCredentialsException(AwsCredentialsException.WEB_IDENTITY_TOKEN_UNREADABLE,
                    "cannot read the web identity token file " + tokenFile + ": " + e.getClass().getSimpleName(),
                    true, null);
        }
        AssumeRoleWithWebIdentityRequest call = AssumeRoleWithWebIdentityRequest.builder()
                .roleArn(request.roleArn())
                .roleSessionName(request.sessionName())
                .durationSeconds(request.durationSeconds())
                .webIdentityToken(token)
                .build();
        // The call is authenticated by the token itself, not by signed AWS credentials.
        try (StsClient sts = client(request.region(), AnonymousCredentialsProvider.create())) {
            return sts.assumeRoleWithWebIdentity(call).credentials();
        }
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
