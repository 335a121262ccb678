package io.dataops.sit.operator.fence;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.ReferencedConfigMaps;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Bounds on what one SitRun makes the shared operator read, copy and cache (issue 8, shared-operator DoS):
 * at most {@code sit.references.max-configmaps} distinct ConfigMaps, of at most {@code sit.references.max-bytes}
 * together. The count is checked with the images, before anything is created; the size when the ConfigMaps
 * are read, before any copy is written.
 */
public final class ReferenceBounds {

    private ReferenceBounds() {}

    /** Too many distinct ConfigMaps referenced, as a Problem; else null. */
    public static Problem checkCount(SitRun run, OperatorSettings settings) {
        int max = settings.workloadFence().referencesMaxCount();
        var names = ReferencedConfigMaps.of(run);
        if (names.size() > max) {
            return new Problem(
                    RunReason.TOO_MANY_REFERENCES,
                    "the SitRun references " + names.size() + " distinct ConfigMaps "
                            + "(spec.runner.features and spec.databases[].seed[]); this operator allows at most " + max
                            + " (sit.references.max-configmaps)");
        }
        return null;
    }

    /** The size a ConfigMap's content takes: keys and values in UTF-8, binaryData decoded. */
    public static long sizeOf(ConfigMap cm) {
        long size = 0;
        if (cm.getData() != null) {
            for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                size += utf8(e.getKey()) + utf8(e.getValue());
            }
        }
        if (cm.getBinaryData() != null) {
            for (Map.Entry<String, String> e : cm.getBinaryData().entrySet()) {
                size += utf8(e.getKey())
                        + (e.getValue() == null ? 0 : e.getValue().length() / 4L * 3);
            }
        }
        return size;
    }

    /** Null when the ConfigMaps fit the cap, else why not (naming each ConfigMap's size). */
    public static String tooLarge(Collection<ConfigMap> sources, long maxBytes) {
        long total = sources.stream().mapToLong(ReferenceBounds::sizeOf).sum();
        if (total <= maxBytes) {
            return null;
        }
        StringBuilder b = new StringBuilder("the ConfigMaps the SitRun references hold ")
                .append(total)
                .append(" bytes together; this operator copies at most ")
                .append(maxBytes)
                .append(" bytes per run (sit.references.max-bytes):");
        sources.forEach(cm ->
                b.append(' ').append(cm.getMetadata().getName()).append('=').append(sizeOf(cm)));
        return b.toString();
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
