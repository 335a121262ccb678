package io.dataops.sit.operator.secrets;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.postgres.PostgresSecretDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hands tenant Secrets to a run by reference: each Secret a SitRun references ({@link ReferencedSecrets}) is read
 * with one GET by name in the SitRun's own namespace (the same rule as ConfigMaps: never another namespace, no list,
 * no watch, no informer over Secrets) and only the referenced keys are copied into a Secret of the same name in the
 * run's namespace, where pods use them as {@code secretKeyRef}s. Values are never logged or put in status or events.
 *
 * <p>{@link #plan} runs before the workflow creates anything: a missing Secret or key, a reserved name, or (when the
 * admin requires it) masking without a key ends the run in Error. {@link #sync} writes the copies once the run's
 * namespace exists, and again when the source changes while the run lasts.
 */
public final class SecretCopies {

    public static final String COMPONENT = "secret-copy";
    /** Shipped, never bound by the operator: an admin binds it in each tenant namespace allowed to hand Secrets to runs. */
    public static final String TENANT_SECRETS_ROLE = "sit-operator-tenant-secrets";

    /** The copies to write (name -> base64 data), or why the run cannot have them. */
    public record Plan(Map<String, Map<String, String>> copies, Problem problem) {}

    private SecretCopies() {}

    /** @param operator who the operator is, for the RoleBinding an admin creates when it may not read the Secrets */
    public static Plan plan(
            KubernetesClient client,
            SitRun run,
            OperatorSettings.SecretsFence fence,
            OperatorSettings.OperatorIdentity operator) {
        String namespace = run.getMetadata().getNamespace();
        Map<String, Map<String, String>> copies = new LinkedHashMap<>();
        for (var ref : ReferencedSecrets.of(run).entrySet()) {
            String name = ref.getKey();
            if (reserved(run, name)) {
                return new Plan(
                        Map.of(),
                        new Problem(
                                RunReason.RESERVED_NAME,
                                "Secret name " + name + " is reserved for "
                                        + "the operator's own objects (sit-*, <database>-postgres-credentials); rename the Secret"));
            }
            Secret source;
            try {
                source = client.secrets().inNamespace(namespace).withName(name).get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 403) {
                    throw e;
                }
                // The operator holds no cluster-wide right on Secrets: reading a tenant's is the admin's decision.
                return new Plan(
                        Map.of(),
                        new Problem(
                                RunReason.SECRET_NOT_READABLE,
                                "the operator may not read Secrets in "
                                        + "namespace " + namespace + "; an admin allows it with: kubectl -n "
                                        + namespace
                                        + " create rolebinding sit-operator-tenant-secrets --clusterrole="
                                        + TENANT_SECRETS_ROLE
                                        + " --serviceaccount=" + operator.namespace() + ":"
                                        + operator.serviceAccount()));
            }
            boolean anyRequired = ref.getValue().containsValue(true);
            if (source == null) {
                if (anyRequired) {
                    return new Plan(
                            Map.of(),
                            new Problem(
                                    RunReason.SECRET_NOT_FOUND,
                                    "Secret " + name + " referenced by the " + "SitRun does not exist in namespace "
                                            + namespace));
                }
                continue;
            }
            Map<String, String> data = new LinkedHashMap<>();
            for (var key : ref.getValue().entrySet()) {
                String value = value(source, key.getKey());
                if (value == null) {
                    if (key.getValue()) {
                        return new Plan(
                                Map.of(),
                                new Problem(
                                        RunReason.SECRET_KEY_NOT_FOUND,
                                        "Secret " + name + " in namespace " + namespace + " has no key "
                                                + key.getKey()));
                    }
                    continue;
                }
                data.put(key.getKey(), value);
            }
            copies.put(name, data);
        }
        if (fence.maskKeyRequired()) {
            List<String> unkeyed = unkeyedMasking(run);
            if (!unkeyed.isEmpty()) {
                return new Plan(
                        Map.of(),
                        new Problem(
                                RunReason.MASKING_KEY_MISSING,
                                "databases " + unkeyed + " mask "
                                        + "columns without maskingKeySecretRef; this operator's admin does not allow masking with the "
                                        + "public default key (sit.masking.require-key)"));
            }
        }
        return new Plan(copies, null);
    }

    /** Databases that mask columns (csv.mask, masking.columns) with the public default key (no maskingKeySecretRef). */
    public static List<String> unkeyedMasking(SitRun run) {
        return run.getSpec().getDatabases().stream()
                .filter(db -> db.masksColumns() && db.getMaskingKeySecretRef() == null)
                .map(DatabaseSpec::getName)
                .toList();
    }

    static boolean reserved(SitRun run, String name) {
        if (name.isEmpty() || name.startsWith("sit-")) {
            return true;
        }
        return run.getSpec().getDatabases().stream()
                .anyMatch(db -> PostgresSecretDependent.getName(db.getName()).equals(name));
    }

    /** The key's value as base64 (data, or stringData of an object never stored), or null. */
    private static String value(Secret source, String key) {
        if (source.getData() != null && source.getData().get(key) != null) {
            return source.getData().get(key);
        }
        if (source.getStringData() != null && source.getStringData().get(key) != null) {
            return Base64.getEncoder()
                    .encodeToString(source.getStringData().get(key).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /**
     * Writes the copies into the run's namespace (create, or update when the data changed). Quietly does nothing
     * while the namespace does not exist yet: the next reconcile writes them, before the runner starts.
     */
    public static void sync(KubernetesClient client, SitRun run, Map<String, Map<String, String>> copies) {
        String runNamespace = RunNames.namespace(run);
        for (var copy : copies.entrySet()) {
            Secret desired = new SecretBuilder()
                    .withNewMetadata()
                    .withName(copy.getKey())
                    .withNamespace(runNamespace)
                    .withLabels(RunNames.labels(run, COMPONENT))
                    .endMetadata()
                    .withType("Opaque")
                    .withData(copy.getValue())
                    .build();
            try {
                Secret current = client.secrets()
                        .inNamespace(runNamespace)
                        .withName(copy.getKey())
                        .get();
                if (current == null) {
                    client.secrets().inNamespace(runNamespace).resource(desired).create();
                } else if (!Objects.equals(current.getData(), desired.getData())) {
                    desired.getMetadata()
                            .setResourceVersion(current.getMetadata().getResourceVersion());
                    client.secrets().inNamespace(runNamespace).resource(desired).update();
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
    }
}
