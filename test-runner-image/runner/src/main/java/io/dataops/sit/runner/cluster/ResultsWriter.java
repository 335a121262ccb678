package io.dataops.sit.runner.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.api.RunContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Writes one key of the results ConfigMap with a JSON merge patch, so other keys (the seed results)
 * are untouched and the runner's Role needs only patch on sit-results. A 409 (conflict) or a
 * transient server error is retried.
 */
public final class ResultsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int ATTEMPTS = 5;

    private final KubernetesClient client;
    private final String namespace;

    public ResultsWriter(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public void write(String key, String json) {
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("data").put(key, json);
        String body = patch.toString();
        KubernetesClientException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                client.configMaps().inNamespace(namespace).withName(RunContract.RESULTS_CONFIGMAP)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), body);
                return;
            } catch (KubernetesClientException e) {
                last = e;
                boolean retriable = e.getCode() == 409 || e.getCode() == 429 || e.getCode() >= 500;
                if (!retriable) {
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
        throw new IllegalStateException("cannot write " + key + " into ConfigMap " + namespace + "/"
                + RunContract.RESULTS_CONFIGMAP + ": " + (last == null ? "interrupted" : last.getCode() + " " + last.getMessage()), last);
    }
}
