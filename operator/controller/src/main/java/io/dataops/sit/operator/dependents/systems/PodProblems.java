package io.dataops.sit.operator.dependents.systems;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Problems of a run's pods that no amount of waiting fixes, so the reconciler can end the run as Error
 * instead of timing out: today an image that cannot be pulled.
 *
 * <p>The reconciler lists the run namespace's pods (label {@code app.kubernetes.io/part-of=<run namespace>})
 * and should allow a short grace ({@code sit.image-pull-grace}): ErrImagePull can be transient.
 */
public final class PodProblems {

    /** Waiting reasons that mean the kubelet could not get the image. */
    public static final Set<String> IMAGE_PULL_REASONS =
            Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable");

    private PodProblems() {}

    /** A container whose image does not pull: which pod, container and image, and the kubelet's words. */
    public record ImagePullFailure(String pod, String container, String image, String reason, String message) {
        /** One line for status.message and Events (no secrets: image references only). */
        public String describe() {
            return "image " + image + " of container " + container + " in pod " + pod + " cannot be pulled (" + reason
                    + (message == null || message.isBlank() ? "" : ": " + message) + ")";
        }
    }

    public static Optional<ImagePullFailure> imagePullFailure(Collection<Pod> pods) {
        if (pods == null) {
            return Optional.empty();
        }
        return pods.stream().flatMap(PodProblems::imagePullFailures).findFirst();
    }

    static Stream<ImagePullFailure> imagePullFailures(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        return Stream.of(
                        pod.getStatus().getInitContainerStatuses(),
                        pod.getStatus().getContainerStatuses())
                .filter(l -> l != null)
                .flatMap(List::stream)
                .filter(PodProblems::isImagePullFailure)
                .map(s -> new ImagePullFailure(
                        pod.getMetadata().getName(),
                        s.getName(),
                        s.getImage(),
                        s.getState().getWaiting().getReason(),
                        s.getState().getWaiting().getMessage()));
    }

    static boolean isImagePullFailure(ContainerStatus status) {
        return status.getState() != null
                && status.getState().getWaiting() != null
                && IMAGE_PULL_REASONS.contains(status.getState().getWaiting().getReason());
    }
}
