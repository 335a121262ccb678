package io.dataops.sit.operator.secrets;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every Secret key a SitRun references, by Secret name: {@code valueFrom.secretKeyRef} in {@code runner.env} and
 * {@code systems[].env}, {@code databases[].maskingKeySecretRef} and an external database's
 * {@code databases[].external.credentialsSecretRef} (its user name and password keys). A key is required unless every reference to
 * it is {@code optional: true}.
 */
public final class ReferencedSecrets {

    private ReferencedSecrets() {}

    /** Secret name -> key -> required. */
    public static Map<String, Map<String, Boolean>> of(SitRun run) {
        Map<String, Map<String, Boolean>> refs = new TreeMap<>();
        if (run.getSpec().getRunner() != null) {
            addEnv(refs, run.getSpec().getRunner().getEnv());
        }
        for (SystemSpec system : run.getSpec().getSystems()) {
            addEnv(refs, system.getEnv());
        }
        for (DatabaseSpec db : run.getSpec().getDatabases()) {
            if (db.external() && db.getExternal().getCredentialsSecretRef() != null) {
                var credentials = db.getExternal().getCredentialsSecretRef();
                add(refs, credentials.getName(), credentials.usernameKeyOrDefault(), true);
                add(refs, credentials.getName(), credentials.passwordKeyOrDefault(), true);
            }
            if (db.getMaskingKeySecretRef() != null) {
                add(
                        refs,
                        db.getMaskingKeySecretRef().getName(),
                        db.getMaskingKeySecretRef().getKey(),
                        true);
            }
        }
        return refs;
    }

    private static void addEnv(Map<String, Map<String, Boolean>> refs, List<EnvVar> env) {
        if (env == null) {
            return;
        }
        for (EnvVar e : env) {
            if (e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null) {
                continue;
            }
            SecretKeySelector ref = e.getValueFrom().getSecretKeyRef();
            add(refs, ref.getName(), ref.getKey(), !Boolean.TRUE.equals(ref.getOptional()));
        }
    }

    private static void add(Map<String, Map<String, Boolean>> refs, String name, String key, boolean required) {
        refs.computeIfAbsent(name == null ? "" : name, n -> new TreeMap<>())
                .merge(key == null ? "" : key, required, Boolean::logicalOr);
    }
}
