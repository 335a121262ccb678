package io.dataops.sit.operator.lifecycle;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.status.Timestamps;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Kubernetes Events on the SitRun (phase changes, cleanup). Messages come from status: never secrets. */
public final class RunEvents {

    private static final Logger LOG = Logger.getLogger(RunEvents.class);

    private RunEvents() {
    }

    public static void emit(KubernetesClient client, SitRun run, String type, String reason, String message, Instant now) {
        String time = Timestamps.format(now);
        var event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(run.getMetadata().getNamespace())
                .withName(run.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
                        + reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""))
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(run.getApiVersion())
                .withKind(run.getKind())
                .withName(run.getMetadata().getName())
                .withNamespace(run.getMetadata().getNamespace())
                .withUid(run.getMetadata().getUid())
                .withResourceVersion(run.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message == null ? "" : message.length() > 1000 ? message.substring(0, 1000) : message)
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .withNewSource().withComponent("sit-operator").endSource()
                .build();
        try {
            client.v1().events().inNamespace(run.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // Events are informational; a failed one must not fail the reconcile.
            LOG.debugf("event %s for %s not recorded: %s", reason, run.getMetadata().getName(), e.getMessage());
        }
    }
}
