package io.dataops.sit.runner.cluster;

import io.dataops.sit.api.RunContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Writes one key of the results ConfigMap (sit-results) with a merge patch, retried on conflicts. */
public final class ResultsWriter {

    static final int ATTEMPTS = 5;

    private final ConfigMapWriter writer;

    public ResultsWriter(KubernetesClient client, String namespace) {
        this.writer = new ConfigMapWriter(client, namespace, RunContract.RESULTS_CONFIGMAP, ATTEMPTS);
    }

    public void write(String key, String json) {
        writer.write(Map.of(key, json), Map.of());
    }
}
