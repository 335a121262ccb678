package io.dataops.sit.operator.events;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.Timestamps;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on the SitRun: what a person should notice (queued, started, ended, warnings, cleanup). The
 * steps in between (Provisioning, Seeding, Testing) are in status and its conditions; an Event for each would cost
 * every run API writes (a fleet of 1000 queued runs measured 5 Events per run) and tell nothing status does not.
 * Messages come from status, redacted again here.
 */
public final class RunEvents {

    private static final Logger LOG = Logger.getLogger(RunEvents.class);

    private RunEvents() {}

    /**
     * Whether entering this phase records an Event: the end. Queued records its own (once, with the queue
     * position), and so does the start (Pending, when the run is admitted), whatever phase comes first after it.
     */
    public static boolean announces(Phase phase) {
        return phase.isTerminal();
    }

    /**
     * One name per run attempt and reason: a reconcile repeated on a stale cache or after a failed status
     * write re-sends the same Event, which the API server refuses as AlreadyExists instead of storing twins.
     */
    static String eventName(SitRun run, String reason) {
        String name = run.getMetadata().getName();
        String attempt = run.getMetadata().getUid() + "/"
                + (run.getSpec() == null ? "" : run.getSpec().getRerunToken());
        String slug = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return (name.length() > 200 ? name.substring(0, 200) : name) + "." + RunNames.shortHash(attempt + "/" + reason)
                + "." + (slug.length() > 40 ? slug.substring(0, 40) : slug);
    }

    public static void emit(
            KubernetesClient client, SitRun run, String type, String reason, String message, Instant now) {
        String time = Timestamps.format(now);
        var event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(run.getMetadata().getNamespace())
                .withName(eventName(run, reason))
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
                // Redacted (URL credentials, query strings) and bounded: events are read by everyone with access to the
                // namespace.
                .withMessage(message == null ? "" : Redaction.truncate(Redaction.redact(message), 1000))
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .withNewSource()
                .withComponent("sit-operator")
                .endSource()
                .build();
        try {
            client.v1()
                    .events()
                    .inNamespace(run.getMetadata().getNamespace())
                    .resource(event)
                    .create();
        } catch (KubernetesClientException e) {
            // Events are informational; a failed one must not fail the reconcile.
            LOG.debugf(
                    "event %s for %s not recorded: %s",
                    reason, run.getMetadata().getName(), e.getMessage());
        }
    }
}
