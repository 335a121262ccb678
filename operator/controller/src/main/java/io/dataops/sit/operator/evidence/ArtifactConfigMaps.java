package io.dataops.sit.operator.evidence;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Writes a run's report or evidence ConfigMap next to the SitRun, in the tenant's namespace: labelled as the
 * operator's (managed-by, component report|evidence, the run) and owned by the SitRun (not as controller), so the
 * garbage collector deletes it with the SitRun and the admission policy recognises it. A ConfigMap of that name the
 * SitRun does not own is never touched.
 */
public final class ArtifactConfigMaps {

    private ArtifactConfigMaps() {}

    /** Whether the ConfigMap was written; if not, why (for status). */
    public record Written(boolean written, String message) {}

    public static Written write(
            KubernetesClient client,
            SitRun run,
            String name,
            String component,
            Map<String, String> binaryData,
            Map<String, String> data) {
        return write(client, run, name, component, Map.of(), binaryData, data);
    }

    public static Written write(
            KubernetesClient client,
            SitRun run,
            String name,
            String component,
            Map<String, String> annotations,
            Map<String, String> binaryData,
            Map<String, String> data) {
        String namespace = run.getMetadata().getNamespace();
        ConfigMap desired = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(RunNames.labels(run, component))
                .withAnnotations(annotations)
                .withOwnerReferences(owner(run))
                .endMetadata()
                .withBinaryData(binaryData)
                .withData(data)
                .build();
        var resource = client.configMaps().inNamespace(namespace).withName(name);
        ConfigMap existing = resource.get();
        if (existing == null) {
            client.configMaps().inNamespace(namespace).resource(desired).create();
            return new Written(true, null);
        }
        if (!ownedBy(existing, run)) {
            return new Written(
                    false,
                    "ConfigMap " + name + " already exists in namespace " + namespace
                            + " and does not belong to this SitRun; it is left untouched");
        }
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        client.configMaps().inNamespace(namespace).resource(desired).update();
        return new Written(true, null);
    }

    static OwnerReference owner(SitRun run) {
        return new OwnerReferenceBuilder()
                .withApiVersion(HasMetadata.getApiVersion(SitRun.class))
                .withKind(HasMetadata.getKind(SitRun.class))
                .withName(run.getMetadata().getName())
                .withUid(run.getMetadata().getUid())
                .build();
    }

    public static boolean ownedBy(ConfigMap configMap, SitRun run) {
        var refs = configMap.getMetadata().getOwnerReferences();
        return refs != null
                && run.getMetadata().getUid() != null
                && refs.stream()
                        .anyMatch(r -> run.getMetadata().getUid().equals(r.getUid())
                                && HasMetadata.getKind(SitRun.class).equals(r.getKind()));
    }
}
