package io.dataops.sit.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The Secret lives in the run's namespace, not the SitRun's: no owner reference is possible, so JOSDK's
 * primary annotations must be added on create/update and must lead back to the SitRun.
 */
class CrossNamespaceMappingTest {

    /** Exposes JOSDK's protected metadata hook, which create() and update() call. */
    static final class Probe extends AwsCredentialsSecretDependent {
        Probe() {
            super(null, Clock.systemUTC());
        }

        void addReferences(Secret secret, SitRun run) {
            addReferenceHandlingMetadata(secret, run);
        }
    }

    @Test
    void secretPointsBackToItsSitRunThroughAnnotationsNotOwnerReferences() {
        SitRun run = AwsCredentialsSecretDependentTest.run("orders-pr-42", "30m");
        Secret secret = new SecretBuilder().withNewMetadata().withName(AwsNames.SECRET)
                .withNamespace("sit-orders-pr-42-abcde").endMetadata().build();

        new Probe().addReferences(secret, run);

        assertThat(secret.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(Mappers.<Secret>fromDefaultAnnotations(SitRun.class).toPrimaryResourceIDs(secret))
                .containsExactly(new ResourceID("orders-pr-42", "team-a"));
    }
}
