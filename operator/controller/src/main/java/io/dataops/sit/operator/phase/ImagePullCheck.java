package io.dataops.sit.operator.phase;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An image that never pulls is bad input: a pod of the run still waiting on its image longer than the
 * grace period (counted from the pod's creation, so the check needs no memory) ends the run as Error.
 *
 * <p>Except when the registry only said "later": a rate limit (Docker Hub's {@code toomanyrequests}, HTTP 429)
 * clears by itself, so the kubelet's back-off is left to retry within the run's own timeout.
 */
public final class ImagePullCheck {

    static final Set<String> PULL_FAILURES =
            Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");

    private ImagePullCheck() {}

    /** The message of the kubelet's latest "Failed" Event on the pod (e.g. "Failed to pull image ..."), or null. */
    static String lastPullFailure(List<Event> events, String pod) {
        return events.stream()
                .filter(e -> "Failed".equals(e.getReason())
                        && e.getInvolvedObject() != null
                        && "Pod".equals(e.getInvolvedObject().getKind())
                        && pod.equals(e.getInvolvedObject().getName())
                        && e.getMessage() != null
                        && e.getMessage().contains("pull"))
                .max(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
                .map(Event::getMessage)
                .orElse(null);
    }

    /** The kubelet's message of a pull the registry refused for its rate limit. */
    static boolean rateLimited(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("toomanyrequests")
                || m.contains("too many requests")
                || m.contains("rate limit")
                || m.matches(".*\\b429\\b.*");
    }

    public static Problem check(List<Pod> pods, Instant now, Duration grace) {
        return check(pods, List.of(), now, grace);
    }

    /**
     * As {@link #check(List, Instant, Duration)}, with the namespace's Events: an {@code ImagePullBackOff} whose
     * message does not carry the registry's words is judged by the pod's latest pull failure Event ({@code Failed}).
     */
    public static Problem check(List<Pod> pods, List<Event> events, Instant now, Duration grace) {
        for (Pod pod : pods) {
            Instant created = Timestamps.parse(pod.getMetadata().getCreationTimestamp());
            if (created == null
                    || pod.getStatus() == null
                    || Duration.between(created, now).compareTo(grace) < 0) {
                continue;
            }
            List<ContainerStatus> statuses = new ArrayList<>();
            if (pod.getStatus().getInitContainerStatuses() != null) {
                statuses.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                statuses.addAll(pod.getStatus().getContainerStatuses());
            }
            for (ContainerStatus cs : statuses) {
                var waiting = cs.getState() == null ? null : cs.getState().getWaiting();
                if (waiting != null
                        && PULL_FAILURES.contains(waiting.getReason())
                        && !rateLimited(waiting.getMessage())
                        && !rateLimited(
                                lastPullFailure(events, pod.getMetadata().getName()))) {
                    return new Problem(
                            RunReason.IMAGE_PULL_FAILED,
                            "image " + cs.getImage() + " of pod "
                                    + pod.getMetadata().getName()
                                    + " (container " + cs.getName() + ") did not pull within " + grace.toSeconds()
                                    + "s: "
                                    + waiting.getReason()
                                    + (waiting.getMessage() == null ? "" : " - " + waiting.getMessage()));
                }
            }
        }
        return null;
    }
}
