package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Each jar of spec.runner.steps, looked at in its source ConfigMap before anything is copied: the key must be there
 * and hold a jar (a zip file), so a wrong key ends the run at once (UserStepsInvalid) rather than in the runner pod.
 */
final class UserStepsJars {

    /** Every zip file (a jar is one) starts with a local file header. */
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private UserStepsJars() {}

    /** @param sources the referenced ConfigMaps by name; null when every jar is there, else what is wrong */
    static String problem(SitRun run, Map<String, ConfigMap> sources) {
        var runner = run.getSpec().getRunner();
        if (runner == null) {
            return null;
        }
        for (UserStepsSpec steps : runner.getSteps()) {
            ConfigMapKeyRef ref = steps.jarRef();
            ConfigMap source = ref == null ? null : sources.get(ref.getName());
            if (source == null) {
                continue; // a missing ConfigMap is reported as ConfigMapNotFound
            }
            byte[] head = head(source, ref.getKey());
            String where = "spec.runner.steps " + steps.getGlue() + ": ConfigMap " + ref.getName();
            if (head == null) {
                return where + " has no key '" + ref.getKey() + "' (create it with kubectl create configmap "
                        + ref.getName() + " --from-file=" + ref.getKey() + "=target/<your steps>.jar)";
            }
            if (!startsWithZipMagic(head)) {
                return where + " key '" + ref.getKey() + "' is not a jar (a jar is a zip file, starting with PK)";
            }
        }
        return null;
    }

    /** The key's first bytes, from binaryData (where kubectl puts a jar) or data; null when the key is in neither. */
    private static byte[] head(ConfigMap source, String key) {
        if (source.getBinaryData() != null && source.getBinaryData().containsKey(key)) {
            String base64 = source.getBinaryData().get(key);
            try {
                return Base64.getMimeDecoder()
                        .decode(base64 == null ? "" : base64.substring(0, Math.min(base64.length(), 16)));
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        if (source.getData() != null && source.getData().containsKey(key)) {
            String text = source.getData().get(key);
            return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    private static boolean startsWithZipMagic(byte[] head) {
        if (head.length < ZIP_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < ZIP_MAGIC.length; i++) {
            if (head[i] != ZIP_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
