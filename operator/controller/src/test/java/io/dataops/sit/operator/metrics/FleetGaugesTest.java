package io.dataops.sit.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.status.CleanupStatus;
import io.dataops.sit.operator.phase.Timestamps;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fleet gauges, computed from a cache of SitRuns (the controller's informer cache in the operator). */
class FleetGaugesTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<SitRun> cache = new ArrayList<>();

    @Test
    void everyPhaseIsReportedAtZeroBeforeAnyRun() {
        new FleetGauges(registry, Clock.fixed(NOW, ZoneOffset.UTC));
        for (Phase phase : FleetSnapshot.ACTIVE_PHASES) {
            assertThat(registry.get("sit.runs.active")
                            .tag("phase", phase.value())
                            .gauge()
                            .value())
                    .isZero();
        }
        for (Phase phase : FleetSnapshot.WAITING_PHASES) {
            assertThat(registry.get("sit.phase.age.max")
                            .tag("phase", phase.value())
                            .gauge()
                            .value())
                    .isZero();
        }
        assertThat(registry.get("sit.queue.length").gauge().value()).isZero();
        assertThat(registry.get("sit.environments.kept").gauge().value()).isZero();
    }

    @Test
    void gaugesCountTheCachedRunsByPhaseAgeAndKeptEnvironment() {
        FleetGauges gauges = new FleetGauges(registry, Clock.fixed(NOW, ZoneOffset.UTC));
        cache.add(run("a", Phase.TESTING, NOW.minus(Duration.ofMinutes(3)), null));
        cache.add(run("b", Phase.TESTING, NOW.minus(Duration.ofMinutes(7)), null));
        cache.add(run("c", Phase.PROVISIONING, NOW.minus(Duration.ofSeconds(40)), null));
        SitRun queued = run("d", Phase.QUEUED, null, null);
        queued.getStatus().setQueuedSince(Timestamps.format(NOW.minus(Duration.ofMinutes(20))));
        cache.add(queued);
        cache.add(run("e", Phase.QUEUED, null, null)); // no queuedSince yet: counted, no age
        cache.add(run("kept", Phase.FAILED, NOW.minus(Duration.ofHours(1)), false));
        cache.add(run("deleted", Phase.SUCCEEDED, NOW.minus(Duration.ofHours(1)), true));
        cache.add(run("refused", Phase.ERROR, NOW.minus(Duration.ofHours(1)), false)); // its namespace never existed
        cache.add(new SitRun()); // just created: no status yet
        gauges.watch(() -> List.copyOf(cache), Set.of("sit-kept-00000", "sit-deleted-00000")::contains);

        assertThat(active(Phase.TESTING)).isEqualTo(2);
        assertThat(active(Phase.PROVISIONING)).isEqualTo(1);
        assertThat(active(Phase.PENDING)).isZero();
        assertThat(active(Phase.SEEDING)).isZero();
        assertThat(registry.get("sit.queue.length").gauge().value()).isEqualTo(2);
        assertThat(age(Phase.TESTING)).isEqualTo(420);
        assertThat(age(Phase.PROVISIONING)).isEqualTo(40);
        assertThat(age(Phase.QUEUED)).as("from queuedSince").isEqualTo(1200);
        assertThat(age(Phase.SEEDING)).isZero();
        assertThat(registry.get("sit.environments.kept").gauge().value()).isEqualTo(1);
    }

    @Test
    void aScrapeSeesTheCacheAsItIsNotAsItWas() {
        MovingClock clock = new MovingClock();
        FleetGauges gauges = new FleetGauges(registry, clock);
        gauges.watch(() -> List.copyOf(cache), name -> true);
        assertThat(active(Phase.PENDING)).isZero();

        cache.add(run("a", Phase.PENDING, clock.now, null));
        clock.now = clock.now.plus(FleetGauges.SNAPSHOT_TTL);
        assertThat(active(Phase.PENDING)).isEqualTo(1);
    }

    double active(Phase phase) {
        return registry.get("sit.runs.active")
                .tag("phase", phase.value())
                .gauge()
                .value();
    }

    double age(Phase phase) {
        return registry.get("sit.phase.age.max")
                .tag("phase", phase.value())
                .gauge()
                .value();
    }

    static SitRun run(String name, Phase phase, Instant phaseStart, Boolean namespaceDeleted) {
        SitRun run = new SitRun();
        run.setMetadata(
                new ObjectMetaBuilder().withNamespace("team").withName(name).build());
        SitRunStatus status = new SitRunStatus();
        status.setPhase(phase);
        status.setNamespace("sit-" + name + "-00000");
        status.setPhaseStartTime(phaseStart == null ? null : Timestamps.format(phaseStart));
        if (namespaceDeleted != null) {
            CleanupStatus cleanup = new CleanupStatus();
            cleanup.setNamespaceDeleted(namespaceDeleted);
            status.setCleanup(cleanup);
        }
        run.setStatus(status);
        return run;
    }

    static final class MovingClock extends Clock {
        volatile Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
