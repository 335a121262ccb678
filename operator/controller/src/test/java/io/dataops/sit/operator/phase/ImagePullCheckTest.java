package io.dataops.sit.operator.phase;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePullCheckTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(2);

    static Pod waiting(String reason, String message) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("events-kafka-0")
                .withCreationTimestamp(NOW.minus(Duration.ofMinutes(5)).toString())
                .endMetadata()
                .withNewStatus()
                .addNewContainerStatus()
                .withName("kafka")
                .withImage("apache/kafka:4.1.0")
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }

    @Test
    void anImageThatDoesNotExistFailsAfterTheGrace() {
        var problem = ImagePullCheck.check(
                List.of(waiting(
                        "ErrImagePull", "failed to pull and unpack image \"docker.io/apache/kafka:9.9.9\": not found")),
                NOW,
                GRACE);
        assertThat(problem.reason()).isEqualTo("ImagePullFailed");
        assertThat(ImagePullCheck.check(
                        List.of(waiting("ErrImagePull", "not found")), NOW.minus(Duration.ofMinutes(4)), GRACE))
                .as("within the grace")
                .isNull();
    }

    @Test
    void aRegistryRateLimitIsWaitedOut() {
        assertThat(ImagePullCheck.check(
                        List.of(
                                waiting(
                                        "ErrImagePull",
                                        "failed to pull and unpack image "
                                                + "\"docker.io/library/postgres:16\": failed to copy: httpReadSeeker: failed open: unexpected status code "
                                                + "https://registry-1.docker.io/v2/library/postgres/manifests/sha256:abc: 429 Too Many Requests - Server "
                                                + "message: toomanyrequests: You have reached your unauthenticated pull rate limit.")),
                        NOW,
                        GRACE))
                .isNull();
        assertThat(ImagePullCheck.check(
                        List.of(
                                waiting(
                                        "ImagePullBackOff",
                                        "Back-off pulling image \"postgres:16\": ErrImagePull: toomanyrequests: rate limit exceeded")),
                        NOW,
                        GRACE))
                .isNull();
        assertThat(ImagePullCheck.rateLimited("unexpected status code 429")).isTrue();
        // an older kubelet's back-off says only "Back-off pulling image": the pod's last pull failure Event decides
        Pod backOff = waiting("ImagePullBackOff", "Back-off pulling image \"postgres:16\"");
        var failed = new EventBuilder()
                .withReason("Failed")
                .withMessage("Failed to pull image \"postgres:16\": ... 429 Too Many Requests - toomanyrequests")
                .withNewInvolvedObject()
                .withKind("Pod")
                .withName("events-kafka-0")
                .endInvolvedObject()
                .withLastTimestamp(NOW.toString())
                .build();
        assertThat(ImagePullCheck.check(List.of(backOff), List.of(failed), NOW, GRACE))
                .isNull();
        assertThat(ImagePullCheck.check(List.of(backOff), List.of(), NOW, GRACE))
                .isNotNull();
        assertThat(ImagePullCheck.rateLimited("manifest for postgres:4290 not found"))
                .isFalse();
    }
}
