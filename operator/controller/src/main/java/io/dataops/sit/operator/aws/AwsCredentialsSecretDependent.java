package io.dataops.sit.operator.aws;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.status.AwsStatus;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.secrets.RunSecretDependent;
import io.dataops.sit.operator.secrets.RunSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret {@value AwsNames#SECRET} in the run's namespace: an AWS shared-credentials file (key
 * {@code credentials}) with temporary credentials for {@code spec.aws.roleArn}, refreshed while the run lasts.
 *
 * <p>No informer: one would need cluster-wide list/watch on Secrets. The Secret is read with a GET in the run
 * namespace and written with create/update there ({@link RunSecrets}); the run namespace's deletion removes it.
 *
 * <p>STS is called only when the Secret is missing or its credentials are close to expiry (see
 * {@link #refreshAt(Secret)}): the decision reads the Secret's annotations alone, so ordinary reconciles
 * never reach STS. The reconciler reschedules with {@link #nextRefreshIn(SitRun, Context, Instant)}.
 */
public class AwsCredentialsSecretDependent extends RunSecretDependent {

    /** Refresh when less than this much, or {@link #REFRESH_SHARE} of the lifetime, is left. */
    static final Duration MIN_REFRESH_MARGIN = Duration.ofMinutes(5);

    static final double REFRESH_SHARE = 0.2;

    @Inject
    StsCredentialsIssuer issuer;

    private final Clock clock;

    public AwsCredentialsSecretDependent() {
        this(null, Clock.systemUTC());
    }

    AwsCredentialsSecretDependent(StsCredentialsIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    public static String getName(SitRun run) {
        return AwsNames.SECRET;
    }

    /** Creates the Secret, or replaces it when it is due for a refresh; otherwise leaves it alone. */
    @Override
    public ReconcileResult<Secret> reconcile(SitRun run, Context<SitRun> context) {
        Optional<Secret> existing = currentSecret(run, context);
        if (existing.isPresent() && match(existing.get(), run, context).matched()) {
            return ReconcileResult.noOperation(existing.get());
        }
        Secret desired = desired(run, existing, RunSettings.of(context).secrets());
        return existing.isPresent()
                ? ReconcileResult.resourceUpdated(RunSecrets.replace(context, desired))
                : ReconcileResult.resourceCreated(RunSecrets.create(context, desired));
    }

    @Override
    public Optional<Secret> getSecondaryResource(SitRun run, Context<SitRun> context) {
        return currentSecret(run, context);
    }

    /** Keeps the current credentials while they are fresh; otherwise asks STS for new ones. */
    Secret desired(SitRun run, Optional<Secret> existing, OperatorSettings.SecretsFence fence) {
        if (existing.isPresent() && !refreshDue(existing.get(), run, clock.instant())) {
            Secret current = existing.get();
            Map<String, String> annotations =
                    new LinkedHashMap<>(current.getMetadata().getAnnotations());
            annotations.keySet().retainAll(AwsNames.ANNOTATIONS);
            return secret(run, current.getData(), annotations);
        }
        IssuedCredentials credentials = issuer.issue(SessionRequest.forRun(run, clock.instant(), fence));
        Map<String, String> data = Map.of(
                RunContract.AWS_CREDENTIALS_KEY,
                Base64.getEncoder()
                        .encodeToString(credentials.toSharedCredentialsFile().getBytes(StandardCharsets.UTF_8)));
        Map<String, String> annotations = Map.of(
                AwsNames.EXPIRATION_ANNOTATION, credentials.expiration().toString(),
                AwsNames.ISSUED_AT_ANNOTATION, credentials.issuedAt().toString(),
                AwsNames.ROLE_ARN_ANNOTATION, run.getSpec().getAws().getRoleArn(),
                AwsNames.SESSION_NAME_ANNOTATION, credentials.sessionName());
        return secret(run, data, annotations);
    }

    private static Secret secret(SitRun run, Map<String, String> data, Map<String, String> annotations) {
        // data (base64), not stringData: the API server turns stringData into data, which would never match.
        return new SecretBuilder()
                .withNewMetadata()
                .withName(AwsNames.SECRET)
                .withNamespace(RunNames.namespace(run))
                .withLabels(RunNames.labels(run, AwsNames.COMPONENT))
                .withAnnotations(annotations)
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** Up to date unless the credentials are near expiry or belong to another role. */
    public Matcher.Result<Secret> match(Secret actual, SitRun run, Context<SitRun> context) {
        return Matcher.Result.nonComputed(!refreshDue(actual, run, clock.instant()));
    }

    static boolean refreshDue(Secret secret, SitRun run, Instant now) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        String role = annotations == null ? null : annotations.get(AwsNames.ROLE_ARN_ANNOTATION);
        if (!run.getSpec().getAws().getRoleArn().equals(role)) {
            return true;
        }
        return refreshAt(secret).map(at -> !now.isBefore(at)).orElse(true);
    }

    /**
     * When the Secret's credentials should be replaced: once less than max(5 minutes, 20% of their lifetime)
     * is left. Empty when the annotations are missing or unreadable (then they are replaced right away).
     */
    public static Optional<Instant> refreshAt(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (annotations == null) {
            return Optional.empty();
        }
        try {
            Instant expiration = OffsetDateTime.parse(annotations.get(AwsNames.EXPIRATION_ANNOTATION))
                    .toInstant();
            Instant issuedAt = OffsetDateTime.parse(annotations.get(AwsNames.ISSUED_AT_ANNOTATION))
                    .toInstant();
            Duration lifetime = Duration.between(issuedAt, expiration);
            Duration share = Duration.ofMillis((long) (lifetime.toMillis() * REFRESH_SHARE));
            Duration margin = share.compareTo(MIN_REFRESH_MARGIN) > 0 ? share : MIN_REFRESH_MARGIN;
            return Optional.of(expiration.minus(margin));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * The same for a reconciler that holds no reference to this dependent: reschedule after the returned delay
     * while the run lasts, so the credentials are renewed before they expire.
     */
    public static Optional<Duration> nextRefreshIn(SitRun run, Context<SitRun> context, Instant now) {
        return currentSecret(run, context).map(secret -> refreshIn(secret, now));
    }

    /** The run's credentials Secret in the run namespace (a GET, memoised for the reconcile). */
    public static Optional<Secret> currentSecret(SitRun run, Context<SitRun> context) {
        return RunSecrets.get(context, RunNames.namespace(run), AwsNames.SECRET);
    }

    public static Duration refreshIn(Secret secret, Instant now) {
        return refreshAt(secret)
                .map(at -> now.isBefore(at) ? Duration.between(now, at) : Duration.ZERO)
                .orElse(Duration.ZERO);
    }

    /** status.aws as read from the Secret: its name, the session name and the expiration (no secrets). */
    public static AwsStatus status(Secret secret) {
        AwsStatus status = new AwsStatus();
        status.setSecretName(secret.getMetadata().getName());
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (annotations != null) {
            status.setSessionName(annotations.get(AwsNames.SESSION_NAME_ANNOTATION));
            status.setExpiration(annotations.get(AwsNames.EXPIRATION_ANNOTATION));
        }
        return status;
    }
}
