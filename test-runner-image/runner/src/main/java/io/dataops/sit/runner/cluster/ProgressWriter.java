package io.dataops.sit.runner.cluster;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunProgress;
import io.dataops.sit.runner.engine.RunProgressListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Writes the run's progress into sit-results ({@link RunContract#PROGRESS_KEY}) so status and kubectl sit can show it
 * while scenarios run. One patch per scenario, one retry: progress is informative, so a failed write is a warning
 * on stderr and never slows or fails the run.
 */
public final class ProgressWriter implements RunProgressListener {

    static final int ATTEMPTS = 2;

    private final ConfigMapWriter writer;

    public ProgressWriter(KubernetesClient client, String namespace) {
        this.writer = new ConfigMapWriter(client, namespace, RunContract.RESULTS_CONFIGMAP, ATTEMPTS);
    }

    @Override
    public void onProgress(RunProgress progress) {
        try {
            writer.write(Map.of(RunContract.PROGRESS_KEY, ResultCodec.write(progress)), Map.of());
        } catch (RuntimeException e) {
            System.err.println("warning: cannot write progress: " + e.getMessage());
        }
    }
}
