package io.dataops.sit.operator.cleanup;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.Leadership;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.metrics.RunMetrics;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.phase.Timestamps;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Deletes run namespaces whose SitRun is gone (its finalizer removed by hand, the operator uninstalled before its
 * SitRuns, a failed cleanup) and reports run namespaces stuck in Terminating. Runs at start-up and every
 * {@code sit.sweep.interval}, on the leader only ({@link Leadership}).
 *
 * <p>A run namespace (named {@code sit-...}, labelled managed-by=sit-operator, component=namespace) is <em>claimed</em>
 * when a SitRun anywhere in the cluster maps to it: its current name ({@link RunNames#namespace}, which hashes the
 * SitRun's uid and rerunToken, so a recreated SitRun of the same name does not claim it) or its status.namespace (a
 * re-run whose old namespace is about to go). The SitRuns are listed from the API server after the namespaces, so a
 * namespace is never judged against a list older than itself. An unclaimed namespace is an orphan:
 * <ul>
 * <li>The first sweep that finds it writes the annotation {@value #ORPHANED_SINCE}: the grace runs from there, and
 * survives a restart of the operator (an in-memory first-seen would restart the grace each time; the namespace's
 * creationTimestamp would measure its age, not how long it has been an orphan).</li>
 * <li>After {@code sit.sweep.grace} the finalizers of the Strimzi KafkaTopics and Kafkas the operator created in it
 * (labelled managed-by=sit-operator) are removed, so a missing or uninstalled Strimzi cannot keep it in Terminating,
 * and the namespace is deleted.</li>
 * </ul>
 * A run namespace in Terminating for longer than {@code sit.sweep.stuck-terminating-after} gets a Warning Event in the
 * operator's namespace (involvedObject: the Namespace), once; an unclaimed one has its Strimzi finalizers removed too.
 */
@ApplicationScoped
public class OrphanSweep {

    private static final Logger LOG = Logger.getLogger(OrphanSweep.class);

    /** When the sweep first found the namespace without a SitRun (RFC 3339). */
    public static final String ORPHANED_SINCE = Labels.GROUP + "/orphaned-since";

    public static final String EVENT_STUCK_TERMINATING = "NamespaceStuckTerminating";
    /** Strimzi kinds whose finalizers (the topic operator's) can hold a namespace in Terminating. */
    static final List<Class<? extends HasMetadata>> FINALIZED_KINDS = List.of(KafkaTopic.class, Kafka.class);

    /** What one sweep saw and did. */
    public record Result(int orphansInGrace, int swept, int stuckTerminating) {}

    private final KubernetesClient client;
    private final OperatorSettings.Sweep settings;
    private final String operatorNamespace;
    private final Clock clock;
    private final Leadership leadership;
    private final RunMetrics metrics;
    private final Counter swept;
    private final AtomicInteger orphansInGrace = new AtomicInteger();
    private final AtomicInteger stuckTerminating = new AtomicInteger();
    private ScheduledExecutorService schedule;
    private final MeterRegistry registry;
    private final List<Gauge> gauges = new ArrayList<>();

    @Inject
    OrphanSweep(
            KubernetesClient client,
            MeterRegistry registry,
            RunMetrics metrics,
            Leadership leadership,
            OperatorSettings.Sweep settings,
            OperatorSettings.OperatorIdentity operator) {
        this(client, registry, metrics, leadership, settings, operator.namespace(), Clock.systemUTC());
    }

    OrphanSweep(
            KubernetesClient client,
            MeterRegistry registry,
            RunMetrics metrics,
            Leadership leadership,
            OperatorSettings.Sweep settings,
            String operatorNamespace,
            Clock clock) {
        this.client = client;
        this.metrics = metrics;
        this.leadership = leadership;
        this.settings = settings;
        this.operatorNamespace = operatorNamespace;
        this.clock = clock;
        this.swept = Counter.builder("sit.orphans.swept")
                .description("Run namespaces deleted by the orphan sweep because their SitRun was gone")
                .register(registry);
        this.registry = registry;
        gauges.add(Gauge.builder("sit.orphan.namespaces", orphansInGrace, AtomicInteger::get)
                .description("Run namespaces without a SitRun, inside the grace before the sweep deletes them")
                .register(registry));
        gauges.add(Gauge.builder("sit.namespaces.stuck.terminating", stuckTerminating, AtomicInteger::get)
                .description("Run namespaces in Terminating for longer than sit.sweep.stuck-terminating-after")
                .register(registry));
    }

    void start(@Observes StartupEvent startup) {
        schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sit-orphan-sweep");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(
                this::sweepIfLeader, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        // A replica that becomes the leader sweeps at once instead of up to one interval later.
        leadership.onStartLeading(() -> schedule.execute(this::sweepIfLeader));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        // The gauges go with this bean (see FleetGauges#unregister: a registry can outlive the application).
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    private void sweepIfLeader() {
        if (!leadership.isLeader()) {
            return;
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            // Never on a partial picture: without the SitRun list nothing is judged an orphan. Next interval retries.
            LOG.warnf("orphan sweep skipped: %s", Redaction.safe(e.getMessage()));
        }
    }

    /** One sweep; throws when the namespaces or SitRuns cannot be listed (then nothing was changed). */
    public synchronized Result sweep() {
        Instant now = clock.instant();
        List<Namespace> namespaces =
                client.namespaces().withLabelSelector(Constants.NAMESPACE_SELECTOR).list().getItems().stream()
                        .filter(RunNamespaceFilter::inRunNamespace)
                        .toList();
        Set<String> claimed = claimedNamespaces();
        int inGrace = 0;
        int deleted = 0;
        int stuck = 0;
        for (Namespace namespace : namespaces) {
            String name = namespace.getMetadata().getName();
            try {
                boolean orphan = !claimed.contains(name);
                String deletion = namespace.getMetadata().getDeletionTimestamp();
                if (deletion != null) {
                    if (orphan) {
                        // Deleted already (by the cleanup or an earlier sweep) and no SitRun left to finish it.
                        releaseStrimziFinalizers(name);
                    }
                    if (!now.isBefore(Timestamps.parse(deletion).plus(settings.stuckTerminatingAfter()))) {
                        stuck++;
                        reportStuck(namespace, now);
                    }
                } else if (!orphan) {
                    forgetOrphaned(namespace);
                } else {
                    Instant since = orphanedSince(namespace, now);
                    if (now.isBefore(since.plus(settings.grace()))) {
                        inGrace++;
                    } else {
                        releaseStrimziFinalizers(name);
                        deleteOrphan(name);
                        deleted++;
                    }
                }
            } catch (KubernetesClientException e) {
                LOG.warnf("orphan sweep of namespace %s: %s", name, Redaction.safe(e.getMessage()));
            }
        }
        orphansInGrace.set(inGrace);
        stuckTerminating.set(stuck);
        return new Result(inGrace, deleted, stuck);
    }

    /** Every run namespace name some SitRun in the cluster maps to. */
    private Set<String> claimedNamespaces() {
        Set<String> claimed = new HashSet<>();
        for (SitRun run : client.resources(SitRun.class).inAnyNamespace().list().getItems()) {
            claimed.add(RunNames.namespace(run));
            if (run.getStatus() != null && run.getStatus().getNamespace() != null) {
                claimed.add(run.getStatus().getNamespace());
            }
        }
        return claimed;
    }

    /** The annotation's time, written now if absent (or unreadable: someone edited it; the grace starts over). */
    private Instant orphanedSince(Namespace namespace, Instant now) {
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        String recorded = annotations == null ? null : annotations.get(ORPHANED_SINCE);
        if (recorded != null) {
            try {
                return Timestamps.parse(recorded);
            } catch (RuntimeException e) {
                LOG.debugf(
                        "namespace %s: unreadable %s '%s', starting the grace again",
                        namespace.getMetadata().getName(), ORPHANED_SINCE, recorded);
            }
        }
        String time = Timestamps.format(now);
        client.namespaces()
                .withName(namespace.getMetadata().getName())
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"" + ORPHANED_SINCE + "\":\"" + time + "\"}}}");
        LOG.infof(
                "run namespace %s has no SitRun; deleting it after %s unless one claims it",
                namespace.getMetadata().getName(), settings.grace());
        return Timestamps.parse(time);
    }

    /** A namespace claimed again (its SitRun was only missing from one list) loses the mark, so its grace restarts. */
    private void forgetOrphaned(Namespace namespace) {
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(ORPHANED_SINCE)) {
            client.namespaces()
                    .withName(namespace.getMetadata().getName())
                    .patch(
                            PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"annotations\":{\"" + ORPHANED_SINCE + "\":null}}}");
        }
    }

    /**
     * Drops the finalizers of the Strimzi objects the operator created in the namespace: without a running topic
     * operator (uninstalled, or never reconciling this namespace) they would keep it in Terminating for ever, and
     * what they guard (topics in the run's own Kafka) goes with the namespace anyway.
     */
    private void releaseStrimziFinalizers(String namespace) {
        for (Class<? extends HasMetadata> kind : FINALIZED_KINDS) {
            List<? extends HasMetadata> objects;
            try {
                objects = client.resources(kind)
                        .inNamespace(namespace)
                        .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                        .list()
                        .getItems();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    continue; // Strimzi's CRDs are not installed: nothing of that kind can exist
                }
                throw e;
            }
            for (HasMetadata object : objects) {
                var finalizers = object.getMetadata().getFinalizers();
                if (finalizers != null && !finalizers.isEmpty()) {
                    client.resources(kind)
                            .inNamespace(namespace)
                            .withName(object.getMetadata().getName())
                            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
                    LOG.infof(
                            "removed finalizers %s of %s %s/%s",
                            finalizers,
                            object.getKind(),
                            namespace,
                            object.getMetadata().getName());
                }
            }
        }
    }

    private void deleteOrphan(String name) {
        try {
            client.namespaces().withName(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            metrics.cleanupFailed();
            throw e;
        }
        swept.increment();
        LOG.infof("deleted run namespace %s: no SitRun claimed it for %s", name, settings.grace());
    }

    /** One Warning Event per namespace (a fixed name: later sweeps' creates are refused as AlreadyExists). */
    private void reportStuck(Namespace namespace, Instant now) {
        String name = namespace.getMetadata().getName();
        String remaining =
                namespace.getStatus() == null || namespace.getStatus().getConditions() == null
                        ? ""
                        : namespace.getStatus().getConditions().stream()
                                .filter(c -> "True".equals(c.getStatus()) && c.getMessage() != null)
                                .map(NamespaceCondition::getMessage)
                                .collect(Collectors.joining("; "));
        String since = namespace.getMetadata().getDeletionTimestamp();
        String message = "run namespace " + name + " has been Terminating since " + since + " (longer than "
                + settings.stuckTerminatingAfter() + ")" + (remaining.isEmpty() ? "" : ": " + remaining);
        String time = Timestamps.format(now);
        var event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(operatorNamespace)
                .withName(name + "."
                        + RunNames.shortHash(namespace.getMetadata().getUid() + "/" + EVENT_STUCK_TERMINATING)
                        + ".stuckterminating")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("v1")
                .withKind("Namespace")
                .withName(name)
                .withUid(namespace.getMetadata().getUid())
                .endInvolvedObject()
                .withType("Warning")
                .withReason(EVENT_STUCK_TERMINATING)
                .withMessage(Redaction.truncate(message, 1000))
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .withNewSource()
                .withComponent("sit-operator")
                .endSource()
                .build();
        try {
            client.v1().events().inNamespace(operatorNamespace).resource(event).create();
            LOG.warn(message);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                LOG.debugf("event %s for namespace %s not recorded: %s", EVENT_STUCK_TERMINATING, name, e.getMessage());
            }
        }
    }
}
