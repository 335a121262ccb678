package io.dataops.sit.operator.cleanup;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.observe.JobStates;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Stops what an ended run still runs: Jobs still active are deleted (their pods with them), and on every
 * terminal phase (Succeeded, Failed, Error, Cancelled) the systems under test are scaled to 0, so a namespace kept for
 * debugging (keepOnFailure, a TTL, or no TTL up to sit.cleanup.max-keep) does not keep tenant code running.
 * Finished Jobs are kept, so their pod logs stay readable until the namespace goes; brokers and databases
 * (StatefulSets) stay up so their data can be inspected, bounded by the same cleanup.
 */
public final class RunStopper {

    private static final Logger LOG = Logger.getLogger(RunStopper.class);

    private RunStopper() {}

    /**
     * An ended run's systems stay at 0 while its namespace is kept: a stop that failed at the end, or anyone
     * scaling a system back up, is undone at the next look (from the informer's cache: no call when all are at 0).
     */
    public static void keepSystemsStopped(KubernetesClient client, String namespace, List<Deployment> cached) {
        for (Deployment deployment : cached) {
            var labels = deployment.getMetadata().getLabels();
            boolean system = labels != null
                    && Constants.COMPONENT_SYSTEM.equals(labels.get(Labels.COMPONENT))
                    && Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY));
            Integer replicas =
                    deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
            if (system && (replicas == null || replicas != 0)) {
                try {
                    client.apps()
                            .deployments()
                            .inNamespace(namespace)
                            .withName(deployment.getMetadata().getName())
                            .scale(0);
                } catch (KubernetesClientException e) {
                    LOG.warnf(
                            "scaling %s/%s to 0: %s",
                            namespace, deployment.getMetadata().getName(), e.getMessage());
                }
            }
        }
    }

    public static void stop(KubernetesClient client, String namespace, Phase outcome) {
        try {
            for (var job : client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                    .list()
                    .getItems()) {
                if (!JobStates.of(job).ended()) {
                    client.batch()
                            .v1()
                            .jobs()
                            .inNamespace(namespace)
                            .withName(job.getMetadata().getName())
                            .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                            .delete();
                }
            }
            if (outcome.isTerminal()) {
                for (var deployment : client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                        .withLabel(Labels.COMPONENT, Constants.COMPONENT_SYSTEM)
                        .list()
                        .getItems()) {
                    client.apps()
                            .deployments()
                            .inNamespace(namespace)
                            .withName(deployment.getMetadata().getName())
                            .scale(0);
                }
            }
        } catch (KubernetesClientException e) {
            // The namespace may already be gone; stopping is best effort and the TTL/finalizer removes the rest.
            LOG.warnf("stopping run objects in %s: %s", namespace, e.getMessage());
        }
    }
}
