package io.dataops.sit.operator.observe;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.phase.RunImages;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads which image each of a run's pods runs from the kubelet's report, {@code status.containerStatuses[].imageID}:
 * the resolved {@code repository@sha256:<digest>}, whatever tag the spec named. Pods are matched to systems and the
 * runner by the labels their controllers set (component and instance).
 */
public final class PodImages {

    /** Schemes older runtimes (dockershim) put in front of the resolved reference. */
    private static final List<String> SCHEMES = List.of("docker-pullable://", "docker://");

    private PodImages() {}

    public static RunImages of(SitRun run, Collection<Pod> pods) {
        Map<String, SortedSet<String>> systems = new HashMap<>();
        SortedSet<String> runner = new TreeSet<>();
        for (Pod pod : pods) {
            Map<String, String> labels =
                    Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
            String component = labels.get(Labels.COMPONENT);
            String instance = labels.get(Labels.INSTANCE);
            if (Constants.COMPONENT_SYSTEM.equals(component) && instance != null) {
                systems.computeIfAbsent(instance, i -> new TreeSet<>()).addAll(imageIds(pod));
            } else if (Constants.COMPONENT_RUNNER.equals(component)) {
                runner.addAll(imageIds(pod));
            }
        }
        // Only systems of the spec: a label is no proof, and status.systems lists the spec's systems only.
        systems.keySet()
                .retainAll(run.getSpec().getSystems().stream()
                        .map(s -> s.getName())
                        .toList());
        systems.values().removeIf(SortedSet::isEmpty);
        return new RunImages(systems, runner);
    }

    static List<String> imageIds(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return List.of();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .map(ContainerStatus::getImageID)
                .filter(id -> id != null && !id.isBlank())
                .map(PodImages::withoutScheme)
                .toList();
    }

    static String withoutScheme(String imageId) {
        return SCHEMES.stream()
                .filter(imageId::startsWith)
                .findFirst()
                .map(scheme -> imageId.substring(scheme.length()))
                .orElse(imageId);
    }
}
