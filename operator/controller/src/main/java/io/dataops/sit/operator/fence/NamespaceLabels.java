package io.dataops.sit.operator.fence;

import io.dataops.sit.api.Labels;
import io.dataops.sit.operator.dependents.PodSecurity;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels an admin lists in {@code sit.namespace.copy-labels}, copied from the SitRun's namespace onto its run
 * namespace, so that policies keyed on tenant labels (quotas, admission policies, network policies of other
 * tools, cost reports) apply to the run too. Never one of the operator's own labels, Pod Security's, or
 * the API server's kubernetes.io/metadata.name: those are refused in the configuration, and the operator's
 * labels are applied after the copied ones anyway.
 */
public final class NamespaceLabels {

    private NamespaceLabels() {}

    /** Validates one configured key at start-up; returns it. */
    public static String checkKey(String key) {
        String k = key.trim();
        if (!k.matches("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
                || k.length() > 317) {
            throw new IllegalArgumentException("sit.namespace.copy-labels: '" + key + "' is not a label key");
        }
        if (isReserved(k)) {
            throw new IllegalArgumentException("sit.namespace.copy-labels: '" + key + "' is set by the operator or "
                    + "the API server on run namespaces and cannot be copied");
        }
        return k;
    }

    /** Keys that only the operator or the API server decide on a run namespace. */
    static boolean isReserved(String key) {
        return key.startsWith(PodSecurity.LABEL_PREFIX)
                || key.startsWith(Labels.GROUP + "/")
                || key.equals(Labels.MANAGED_BY)
                || key.equals(Labels.PART_OF)
                || key.equals("kubernetes.io/metadata.name");
    }

    /** The listed labels the source namespace carries (reserved keys skipped whatever the list says). */
    public static Map<String, String> copied(Namespace source, List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        if (source == null || source.getMetadata().getLabels() == null) {
            return out;
        }
        for (String key : keys) {
            String value = source.getMetadata().getLabels().get(key);
            if (value != null && !isReserved(key)) {
                out.put(key, value);
            }
        }
        return out;
    }
}
