package io.dataops.sit.operator.phase;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pods of the run that will never exist or never start, so the run ends as Error at once instead of at its
 * timeout.
 *
 * <p>Where the API tells that a controller cannot create its pods ({@code FailedCreate}: Pod Security forbids
 * the pod, the quota is exceeded, a LimitRange maximum is crossed):
 * <ul>
 * <li>Deployment: its condition {@code ReplicaFailure=True} (reason FailedCreate, copied from its ReplicaSet);</li>
 * <li>Job and StatefulSet: no condition says so (a Job's {@code Failed}/{@code FailureTarget} only follow pods
 * that ran): the Warning Event {@code FailedCreate} on the object is the only signal, counted while the object
 * still has no pod (Job: nothing active, succeeded nor failed; StatefulSet: fewer pods than wanted).</li>
 * </ul>
 * A Pod Security or LimitRange (minimum/maximum per container or pod) refusal is final and ends the run at
 * once; other refusals (quota, a ServiceAccount not yet visible) can clear by themselves, so they count once
 * they persisted for the grace ({@code sit.pod-creation-grace}).
 *
 * <p>And a pod that exists but whose container the kubelet refuses to start because {@code runAsNonRoot} cannot
 * be honoured (image USER root or not numeric): {@link RunReason#CONTAINER_RUNS_AS_ROOT}, at once.
 */
public final class PodCreationCheck {

    static final String FAILED_CREATE = "FailedCreate";
    static final int MAX_MESSAGE = 400;

    private PodCreationCheck() {}

    /** The cached objects of the run namespace the check looks at. */
    public record Controllers(
            Collection<Job> jobs, Collection<StatefulSet> statefulSets, Collection<Deployment> deployments) {}

    public static Problem check(
            Controllers controllers, List<Event> events, List<Pod> pods, Instant now, Duration grace) {
        Problem p = deployments(controllers.deployments(), now, grace);
        if (p == null) {
            p = fromEvents(controllers, events, now, grace);
        }
        if (p == null) {
            p = runsAsRoot(pods);
        }
        return p;
    }

    static Problem deployments(Collection<Deployment> deployments, Instant now, Duration grace) {
        for (Deployment d : deployments) {
            if (d.getStatus() == null || d.getStatus().getConditions() == null) {
                continue;
            }
            for (var c : d.getStatus().getConditions()) {
                if ("ReplicaFailure".equals(c.getType())
                        && "True".equals(c.getStatus())
                        && counts(c.getMessage(), Timestamps.parse(c.getLastTransitionTime()), now, grace)) {
                    return problem("Deployment", d.getMetadata().getName(), c.getMessage());
                }
            }
        }
        return null;
    }

    static Problem fromEvents(Controllers controllers, List<Event> events, Instant now, Duration grace) {
        return events.stream()
                .filter(e -> FAILED_CREATE.equals(e.getReason()) && e.getInvolvedObject() != null)
                .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
                .filter(e -> counts(e.getMessage(), firstSeen(e), now, grace))
                .filter(e -> stillWithoutPods(
                        controllers,
                        e.getInvolvedObject().getKind(),
                        e.getInvolvedObject().getName()))
                .findFirst()
                .map(e -> problem(
                        e.getInvolvedObject().getKind(), e.getInvolvedObject().getName(), e.getMessage()))
                .orElse(null);
    }

    /** LimitRange's refusal: the pod template asks for more (or less) than a container or pod may; it never changes. */
    static final Pattern LIMIT_RANGE = Pattern.compile(
            "(maximum|minimum) \\S+ usage per (Container|Pod) is|max limit to request ratio per (Container|Pod) is");

    /** Pod Security's and LimitRange's refusals are final; anything else (quota...) must have lasted the grace. */
    static boolean counts(String message, Instant since, Instant now, Duration grace) {
        if (message != null
                && (message.contains("violates PodSecurity")
                        || LIMIT_RANGE.matcher(message).find())) {
            return true;
        }
        return since != null && Duration.between(since, now).compareTo(grace) >= 0;
    }

    static boolean stillWithoutPods(Controllers controllers, String kind, String name) {
        return switch (kind == null ? "" : kind) {
            case "Job" ->
                controllers.jobs().stream()
                        .filter(j -> name.equals(j.getMetadata().getName()))
                        .findFirst()
                        .map(j -> j.getStatus() == null
                                || (zero(j.getStatus().getActive())
                                        && zero(j.getStatus().getSucceeded())
                                        && zero(j.getStatus().getFailed())))
                        .orElse(false);
            case "StatefulSet" ->
                controllers.statefulSets().stream()
                        .filter(s -> name.equals(s.getMetadata().getName()))
                        .findFirst()
                        .map(s -> {
                            int wanted = s.getSpec().getReplicas() == null
                                    ? 1
                                    : s.getSpec().getReplicas();
                            int created = s.getStatus() == null || s.getStatus().getReplicas() == null
                                    ? 0
                                    : s.getStatus().getReplicas();
                            return created < wanted;
                        })
                        .orElse(false);
            // ReplicaSets: their Deployment's ReplicaFailure condition says it (see deployments()).
            default -> false;
        };
    }

    static Problem runsAsRoot(List<Pod> pods) {
        for (Pod pod : pods) {
            if (pod.getStatus() == null) {
                continue;
            }
            Optional<ContainerStatus> refused = Stream.of(
                            pod.getStatus().getInitContainerStatuses(),
                            pod.getStatus().getContainerStatuses())
                    .filter(l -> l != null)
                    .flatMap(List::stream)
                    .filter(cs -> cs.getState() != null
                            && cs.getState().getWaiting() != null
                            && "CreateContainerConfigError"
                                    .equals(cs.getState().getWaiting().getReason())
                            && cs.getState().getWaiting().getMessage() != null
                            && cs.getState().getWaiting().getMessage().contains("runAsNonRoot"))
                    .findFirst();
            if (refused.isPresent()) {
                ContainerStatus cs = refused.get();
                return new Problem(
                        RunReason.CONTAINER_RUNS_AS_ROOT,
                        truncate("container " + cs.getName() + " of pod "
                                + pod.getMetadata().getName() + " (image " + cs.getImage()
                                + ") cannot run as non-root: "
                                + cs.getState().getWaiting().getMessage()
                                + "; the image must declare a numeric non-root USER (Pod Security restricted)"));
            }
        }
        return null;
    }

    private static Instant firstSeen(Event e) {
        Instant first = Timestamps.parse(e.getFirstTimestamp());
        if (first == null && e.getEventTime() != null) {
            first = Timestamps.parse(e.getEventTime().getTime());
        }
        return first != null ? first : Timestamps.parse(e.getMetadata().getCreationTimestamp());
    }

    private static boolean zero(Integer n) {
        return n == null || n == 0;
    }

    private static Problem problem(String kind, String name, String apiMessage) {
        return new Problem(
                RunReason.POD_CREATION_FAILED, truncate(kind + " " + name + " cannot create its pods: " + apiMessage));
    }

    static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
