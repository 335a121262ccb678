package io.dataops.sit.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.MutableClock;
import io.dataops.sit.operator.dependents.FakeContext;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS credentials Secret is read with a GET and written in the run namespace (no cluster-wide Secret informer),
 * and keeps its renewal behaviour: no STS call while fresh, a replacement once near expiry.
 */
@EnableKubernetesMockClient(crud = true)
class AwsCredentialsSecretWithoutInformerTest {

    KubernetesClient client;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
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
    void createsOnceKeepsWhileFreshAndReplacesNearExpiry() {
        var issuer = new StsCredentialsIssuer(
                Optional.of(sts.endpoint()),
                Optional.empty(),
                () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAOPERATOR", "operatorSecret")),
                clock);
        var dependent = new AwsCredentialsSecretDependent(issuer, clock);
        SitRun run = AwsCredentialsSecretDependentTest.run("orders-pr-42", "2h");
        String namespace = RunNames.namespace(run);

        ReconcileResult<Secret> created = dependent.reconcile(run, context(run));
        assertThat(created.getSingleOperation()).isEqualTo(ReconcileResult.Operation.CREATED);
        Secret stored = client.secrets()
                .inNamespace(namespace)
                .withName(AwsNames.SECRET)
                .get();
        assertThat(stored).as("written into the run namespace").isNotNull();
        assertThat(AwsCredentialsSecretDependent.currentSecret(run, context(run)))
                .isPresent();

        clock.advance(Duration.ofMinutes(30));
        assertThat(dependent.reconcile(run, context(run)).getSingleOperation())
                .isEqualTo(ReconcileResult.Operation.NONE);
        assertThat(sts.requests()).as("fresh credentials are not reissued").hasSize(1);
        assertThat(AwsCredentialsSecretDependent.nextRefreshIn(run, context(run), clock.instant()))
                .contains(Duration.ofMinutes(18));

        clock.advance(Duration.ofMinutes(19)); // inside the last 20% of the hour
        assertThat(dependent.reconcile(run, context(run)).getSingleOperation())
                .isEqualTo(ReconcileResult.Operation.UPDATED);
        assertThat(sts.requests()).hasSize(2);
        Secret renewed = client.secrets()
                .inNamespace(namespace)
                .withName(AwsNames.SECRET)
                .get();
        assertThat(renewed.getData()).isNotEqualTo(stored.getData());
        assertThat(renewed.getMetadata().getAnnotations())
                .containsEntry(AwsNames.ISSUED_AT_ANNOTATION, "2026-11-21T10:49:00Z");
    }

    private FakeContext context(SitRun run) {
        return new FakeContext(run).withClient(client);
    }
}
