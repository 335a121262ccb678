package io.dataops.sit.operator.phase;

import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.status.SystemStatus;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The images a run's pods ran, as the kubelet resolved them ({@code repository@sha256:<digest>}): per system, and the
 * runner's. Accumulated over the run (what the previous status recorded plus what the pods show now), so a system a
 * fault step scaled to 0, or a pod replaced by a moved tag, stays on record.
 */
public record RunImages(Map<String, SortedSet<String>> systems, SortedSet<String> runner) {

    public static final RunImages NONE = new RunImages(Map.of(), new TreeSet<>());

    public RunImages {
        TreeMap<String, SortedSet<String>> copy = new TreeMap<>();
        systems.forEach((name, digests) -> copy.put(name, new TreeSet<>(digests)));
        systems = copy;
        runner = new TreeSet<>(runner);
    }

    public SortedSet<String> of(String system) {
        return systems.getOrDefault(system, new TreeSet<>());
    }

    /** These images plus the ones the status already recorded. */
    public RunImages plus(SitRunStatus recorded) {
        if (recorded == null) {
            return this;
        }
        TreeMap<String, SortedSet<String>> merged = new TreeMap<>(systems);
        for (SystemStatus system : recorded.getSystems()) {
            if (system.getImageDigests() != null) {
                merged.computeIfAbsent(system.getName(), n -> new TreeSet<>()).addAll(system.getImageDigests());
            }
        }
        TreeSet<String> runnerMerged = new TreeSet<>(runner);
        if (recorded.getRunner() != null && recorded.getRunner().getImageDigests() != null) {
            runnerMerged.addAll(recorded.getRunner().getImageDigests());
        }
        return new RunImages(merged, runnerMerged);
    }

    /** The digest part ({@code sha256:...}) of a resolved image, or the whole value when it has none. */
    public static String digestOf(String imageId) {
        int at = imageId.lastIndexOf('@');
        return at < 0 ? imageId : imageId.substring(at + 1);
    }
}
