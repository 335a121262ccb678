package io.dataops.sit.operator.metrics;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The fleet gauges, computed on scrape from the SitRuns in the controller's informer cache (never from the API
 * server): sit_runs_active{phase}, sit_queue_length, sit_phase_age_max_seconds{phase} and sit_environments_kept.
 *
 * <p>JOSDK hands its caches to the reconciler only (Context), so the reconciler passes them on with {@link #watch}
 * at every reconcile (a volatile read when already done). Until the first reconcile there is nothing to count: no
 * SitRun exists, or this replica is not the leader (only the leader reconciles, so only it reports the fleet, and a
 * sum over replicas stays right).
 */
@ApplicationScoped
public class FleetGauges {

    /** Several gauges read one snapshot per scrape: computed once, reused this long. */
    static final Duration SNAPSHOT_TTL = Duration.ofSeconds(1);

    private final Clock clock;
    private final MeterRegistry registry;
    private final List<Gauge> gauges = new ArrayList<>();
    private volatile Supplier<List<SitRun>> runs;
    private volatile Predicate<String> namespaceExists = name -> false;
    private volatile FleetSnapshot snapshot = FleetSnapshot.EMPTY;
    private volatile Instant snapshotAt;

    @Inject
    public FleetGauges(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    FleetGauges(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        for (Phase phase : FleetSnapshot.ACTIVE_PHASES) {
            gauges.add(Gauge.builder(
                            "sit.runs.active", this, g -> g.snapshot().active().get(phase))
                    .description("Runs now holding an environment, by phase")
                    .tag("phase", phase.value())
                    .register(registry));
        }
        gauges.add(Gauge.builder("sit.queue.length", this, g -> g.snapshot().queued())
                .description("Runs now waiting in phase Queued")
                .register(registry));
        for (Phase phase : FleetSnapshot.WAITING_PHASES) {
            gauges.add(Gauge.builder(
                            "sit.phase.age.max",
                            this,
                            g -> g.snapshot().oldestAge().get(phase).toMillis() / 1000.0)
                    .description("How long the oldest run in each non-terminal phase has been in it (0: none)")
                    .baseUnit("seconds")
                    .tag("phase", phase.value())
                    .register(registry));
        }
        gauges.add(
                Gauge.builder("sit.environments.kept", this, g -> g.snapshot().kept())
                        .description("Ended runs whose namespace still exists (keepOnFailure, a TTL, or no TTL)")
                        .register(registry));
    }

    /**
     * The gauges go with this bean: a registry that outlives it (Quarkus tests restart the application, not the
     * registry) would otherwise keep reading a stopped operator's caches, and a new registration of the same name
     * would be ignored.
     */
    @PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    /** Called by the reconciler: the controller's caches of SitRuns and run namespaces become what the gauges count. */
    public void watch(Context<SitRun> context) {
        if (runs != null) {
            return;
        }
        var primary = context.getPrimaryCache();
        Predicate<String> exists = name -> false;
        for (var source : context.eventSourceRetriever().getEventSourcesFor(Namespace.class)) {
            if (source instanceof Cache<?> cache) {
                Predicate<String> previous = exists;
                exists = name -> previous.test(name) || cache.contains(new ResourceID(name));
            }
        }
        namespaceExists = exists;
        runs = () -> primary.list().toList();
    }

    /** Tests: count these SitRuns (and treat these namespaces as existing) instead of a controller's caches. */
    void watch(Supplier<List<SitRun>> runs, Predicate<String> namespaceExists) {
        this.namespaceExists = namespaceExists;
        this.runs = runs;
    }

    FleetSnapshot snapshot() {
        Instant now = clock.instant();
        Supplier<List<SitRun>> source = runs;
        if (source == null) {
            return FleetSnapshot.EMPTY;
        }
        Instant at = snapshotAt;
        if (at == null || now.isBefore(at) || Duration.between(at, now).compareTo(SNAPSHOT_TTL) >= 0) {
            snapshot = FleetSnapshot.of(source.get(), namespaceExists, now);
            snapshotAt = now;
        }
        return snapshot;
    }
}
