package io.dataops.sit.runner.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Base64;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes keys of one ConfigMap of the run namespace with a JSON merge patch, so other keys (seed results, the
 * operator's) are untouched and the runner's Role needs only patch. A 409 (conflict), 429 or server error is retried.
 */
public final class ConfigMapWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;
    private final String configMap;
    private final int attempts;

    public ConfigMapWriter(KubernetesClient client, String namespace, String configMap, int attempts) {
        this.client = client;
        this.namespace = namespace;
        this.configMap = configMap;
        this.attempts = attempts;
    }

    /** Sets {@code data} keys (text) and {@code binaryData} keys (bytes, base64 on the wire) in one patch. */
    public void write(Map<String, String> data, Map<String, byte[]> binaryData) {
        ObjectNode patch = JSON.createObjectNode();
        if (!data.isEmpty()) {
            ObjectNode d = patch.putObject("data");
            data.forEach(d::put);
        }
        if (!binaryData.isEmpty()) {
            ObjectNode b = patch.putObject("binaryData");
            binaryData.forEach((k, v) -> b.put(k, Base64.getEncoder().encodeToString(v)));
        }
        String body = patch.toString();
        KubernetesClientException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                client.configMaps()
                        .inNamespace(namespace)
                        .withName(configMap)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), body);
                return;
            } catch (KubernetesClientException e) {
                last = e;
                boolean retriable = e.getCode() == 409 || e.getCode() == 429 || e.getCode() >= 500;
                if (!retriable || attempt == attempts) {
                    break;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        var keys = new TreeSet<>(data.keySet());
        keys.addAll(binaryData.keySet());
        throw new IllegalStateException(
                "cannot write " + keys + " into ConfigMap " + namespace + "/" + configMap + ": "
                        + (last == null ? "interrupted" : last.getCode() + " " + last.getMessage()),
                last);
    }
}
