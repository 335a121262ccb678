package io.dataops.sit.operator.naming;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deterministic names of what the operator creates for a SitRun: the same SitRun always maps to the
 * same names, so a restarted operator finds its objects instead of creating twins.
 */
public final class RunNames {

    static final int MAX_NAMESPACE_LENGTH = 63;
    static final int HASH_LENGTH = 5;
    public static final String PREFIX = "sit-";

    private RunNames() {}

    /**
     * {@code sit-<name>-<hash>}, at most 63 characters for any SitRun name. The hash covers the SitRun's
     * namespace, name, uid and rerunToken: two SitRuns of the same name in different namespaces, a
     * deleted-and-recreated SitRun, and a deliberate re-run each get a fresh namespace.
     */
    public static String namespace(SitRun run) {
        String rerun = run.getSpec() == null ? null : run.getSpec().getRerunToken();
        return namespace(
                run.getMetadata().getNamespace(),
                run.getMetadata().getName(),
                run.getMetadata().getUid(),
                rerun);
    }

    static String namespace(String sitRunNamespace, String name, String uid, String rerunToken) {
        String hash = shortHash(sitRunNamespace + "/" + name + "/" + nullToEmpty(uid) + "/" + nullToEmpty(rerunToken));
        int room = MAX_NAMESPACE_LENGTH - PREFIX.length() - 1 - HASH_LENGTH;
        String base = name.length() > room ? name.substring(0, room) : name;
        base = base.replaceAll("[^a-z0-9-]", "-").replaceAll("-+$", "");
        return PREFIX + base + "-" + hash;
    }

    /** Labels every object created for the run carries; informers select on the same keys. */
    public static Map<String, String> labels(SitRun run, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.RUN, labelValue(run.getMetadata().getName()));
        labels.put(Labels.RUN_NAMESPACE, labelValue(run.getMetadata().getNamespace()));
        labels.put(Labels.PART_OF, labelValue(namespace(run)));
        if (component != null) {
            labels.put(Labels.COMPONENT, component);
        }
        return labels;
    }

    /** Label values are at most 63 characters; SitRun names can be 253. */
    static String labelValue(String value) {
        if (value.length() <= 63) {
            return value;
        }
        return value.substring(0, 63 - HASH_LENGTH - 1).replaceAll("[^A-Za-z0-9]+$", "") + "-" + shortHash(value);
    }

    public static String shortHash(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
