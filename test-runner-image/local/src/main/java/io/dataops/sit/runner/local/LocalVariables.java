package io.dataops.sit.runner.local;

import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code env} lists (spec.runner.env, spec.systems[].env) as local mode gives them: {@code value} as written,
 * {@code valueFrom.secretKeyRef} from a {@code kind: Secret} document of the SitRun file (the Secret a cluster run
 * would have the operator copy), {@code valueFrom.configMapKeyRef} from the run's ConfigMaps. A Secret that is not in
 * the file leaves the variable to the shell: set it there, or it stays unset. What cannot be resolved is said in
 * {@link #notes()} (names only, never a value).
 */
final class LocalVariables {

    private final Map<String, Secret> secrets;
    private final LocalFixtures fixtures;
    private final Map<String, String> shell;
    private final List<String> notes = new ArrayList<>();

    /** @param shell the environment this process runs in: a variable set there stands in for a missing Secret */
    LocalVariables(Map<String, Secret> secrets, LocalFixtures fixtures, Map<String, String> shell) {
        this.secrets = secrets;
        this.fixtures = fixtures;
        this.shell = shell;
    }

    /** {@code env} resolved, in order; {@code owner} names where it is written, for the notes. */
    Map<String, String> resolve(String owner, List<EnvVar> env) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (EnvVar var : env) {
            if (var.getValueFrom() == null) {
                resolved.put(var.getName(), var.getValue() == null ? "" : var.getValue());
                continue;
            }
            var from = var.getValueFrom();
            if (from.getSecretKeyRef() != null) {
                String value = secretValue(
                        from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey());
                if (value != null) {
                    resolved.put(var.getName(), value);
                } else {
                    String secret = from.getSecretKeyRef().getName();
                    notes.add(owner + " " + var.getName() + ": Secret " + secret
                            + (secrets.containsKey(secret)
                                    ? " in the SitRun file has no key "
                                            + from.getSecretKeyRef().getKey()
                                    : " is not in the SitRun file")
                            + "; "
                            + (shell.containsKey(var.getName())
                                    ? "taken from your shell"
                                    : "left unset (put a Secret document in the file or set the variable)"));
                }
            } else if (from.getConfigMapKeyRef() != null) {
                ConfigMapKeyRef ref = new ConfigMapKeyRef(
                        from.getConfigMapKeyRef().getName(),
                        from.getConfigMapKeyRef().getKey());
                String value = configMapValue(ref);
                if (value != null) {
                    resolved.put(var.getName(), value);
                } else {
                    notes.add(owner + " " + var.getName() + ": ConfigMap " + ref.getName() + " key " + ref.getKey()
                            + " not found; left unset");
                }
            } else {
                notes.add(owner + " " + var.getName() + ": valueFrom fieldRef/resourceFieldRef is a cluster "
                        + "setting; left unset");
            }
        }
        return resolved;
    }

    /** What could not be resolved, one line per variable. */
    List<String> notes() {
        return notes;
    }

    /** A key of a Secret of the SitRun file (data decoded, or stringData), or null. */
    String secretValue(String name, String key) {
        Secret secret = secrets.get(name);
        if (secret == null) {
            return null;
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return secret.getStringData().get(key);
        }
        if (secret.getData() != null && secret.getData().get(key) != null) {
            try {
                return new String(
                        Base64.getMimeDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                notes.add("Secret " + name + " key " + key + " is not base64 (use stringData for plain text)");
                return null;
            }
        }
        return null;
    }

    private String configMapValue(ConfigMapKeyRef ref) {
        try {
            return fixtures.has(ref) ? new String(fixtures.read(ref), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
