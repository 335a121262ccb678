package io.dataops.sit.operator.phase;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencyPolicy;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencySpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.fence.ImagePolicy;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * spec.imageConsistency: the covered systems come from one build. Three ways they may not, each named in the
 * finding:
 *
 * <ol>
 *   <li>their declared revisions differ (known from the spec: with Fail the run ends before anything is created);
 *   <li>a system's pods ran more than one image digest (a tag that moved between two pulls);
 *   <li>systems naming the same image repository resolved to different digests.
 * </ol>
 *
 * The OCI label {@code org.opencontainers.image.revision} is not read: the operator does not talk to registries, so
 * the revision is what the spec declares (the CRD requires one on every covered system).
 */
public final class ImageConsistency {

    static final String CONSISTENT = "OneBuild";

    private ImageConsistency() {}

    /** What differs, one finding per line of the message; empty when the covered systems agree (or no rule). */
    public static List<String> findings(SitRun run, RunImages images) {
        ImageConsistencySpec rule = run.getSpec().getImageConsistency();
        if (rule == null) {
            return List.of();
        }
        List<SystemSpec> covered = covered(run);
        List<String> findings = new ArrayList<>();
        Map<String, List<String>> byRevision = new LinkedHashMap<>();
        for (SystemSpec system : covered) {
            byRevision
                    .computeIfAbsent(String.valueOf(system.getRevision()), r -> new ArrayList<>())
                    .add(system.getName());
        }
        if (byRevision.size() > 1) {
            findings.add("different revisions: "
                    + byRevision.entrySet().stream()
                            .map(e -> String.join(", ", e.getValue()) + " (revision " + e.getKey() + ")")
                            .collect(Collectors.joining("; ")));
        }
        Map<String, Map<String, SortedSet<String>>> byRepository = new LinkedHashMap<>();
        for (SystemSpec system : covered) {
            SortedSet<String> digests = digests(images.of(system.getName()));
            if (digests.size() > 1) {
                findings.add("the pods of " + system.getName() + " ran " + digests.size() + " different images: "
                        + String.join(", ", images.of(system.getName())));
            }
            if (!digests.isEmpty()) {
                byRepository
                        .computeIfAbsent(
                                ImagePolicy.repository(ImagePolicy.normalize(system.getImage())),
                                r -> new LinkedHashMap<>())
                        .put(system.getName(), digests);
            }
        }
        byRepository.forEach((repository, systems) -> {
            if (systems.values().stream().distinct().count() > 1) {
                findings.add("systems " + String.join(", ", systems.keySet()) + " name the same image " + repository
                        + " but resolved it to different digests: "
                        + systems.entrySet().stream()
                                .map(e -> e.getKey() + " " + String.join("+", e.getValue()))
                                .collect(Collectors.joining(", ")));
            }
        });
        return findings;
    }

    /** With policy Fail and a finding: the run's end (reason ImagesFromDifferentBuilds); otherwise null. */
    public static Problem problem(SitRun run, RunImages images) {
        ImageConsistencySpec rule = run.getSpec().getImageConsistency();
        if (rule == null || rule.getPolicy() != ImageConsistencyPolicy.FAIL) {
            return null;
        }
        List<String> findings = findings(run, images);
        return findings.isEmpty()
                ? null
                : new Problem(RunReason.IMAGES_FROM_DIFFERENT_BUILDS, message(findings) + " (policy Fail)");
    }

    /** The message of a finding, for status, the condition and the Event. */
    public static String message(List<String> findings) {
        return "the systems under test do not come from one build: " + String.join("; ", findings);
    }

    /** The message of agreement: which systems, which revision, how many digests were seen. */
    static String agreement(SitRun run, RunImages images) {
        List<SystemSpec> covered = covered(run);
        String revision = covered.isEmpty() ? "-" : covered.getFirst().getRevision();
        long seen =
                covered.stream().filter(s -> !images.of(s.getName()).isEmpty()).count();
        return "systems "
                + covered.stream().map(SystemSpec::getName).collect(Collectors.joining(", "))
                + " declare revision " + revision + "; the image digests of " + seen + " of them seen so far agree";
    }

    static List<SystemSpec> covered(SitRun run) {
        ImageConsistencySpec rule = run.getSpec().getImageConsistency();
        return run.getSpec().getSystems().stream()
                .filter(s -> rule != null && rule.covers(s.getName()))
                .toList();
    }

    private static SortedSet<String> digests(SortedSet<String> imageIds) {
        return imageIds.stream().map(RunImages::digestOf).collect(Collectors.toCollection(TreeSet::new));
    }
}
