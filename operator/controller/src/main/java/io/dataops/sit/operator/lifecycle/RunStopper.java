package io.dataops.sit.operator.lifecycle;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

/**
 * Stops what an ended run still runs: Jobs still active are deleted (their pods with them); on Error the
 * systems under test are scaled to 0 so nothing half-built keeps running. Finished Jobs are kept, so
 * their pod logs stay readable until the namespace goes.
 */
public final class RunStopper {

    private static final Logger LOG = Logger.getLogger(RunStopper.class);

    private RunStopper() {
    }

    public static void stop(KubernetesClient client, String namespace, Phase outcome) {
        try {
            for (var job : client.batch().v1().jobs().inNamespace(namespace)
                    .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE).list().getItems()) {
                if (!JobStates.of(job).ended()) {
                    client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName())
                            .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
                }
            }
            if (outcome == Phase.ERROR) {
                for (var deployment : client.apps().deployments().inNamespace(namespace)
                        .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE).list().getItems()) {
                    client.apps().deployments().inNamespace(namespace).withName(deployment.getMetadata().getName())
                            .scale(0);
                }
            }
        } catch (KubernetesClientException e) {
            // The namespace may already be gone; stopping is best effort and the TTL/finalizer removes the rest.
            LOG.warnf("stopping run objects in %s: %s", namespace, e.getMessage());
        }
    }
}
