package io.dataops.sit.operator.metrics;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.operator.phase.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The fleet at one moment, from the SitRuns the operator has cached: runs per active phase, the queue's length, the
 * age of the oldest run in each non-terminal phase, and the ended runs whose namespace is still there.
 *
 * @param active      runs per phase of {@link #ACTIVE_PHASES}, every phase present (0 when none)
 * @param queued      runs in phase Queued
 * @param oldestAge   per phase of {@link #WAITING_PHASES}: how long the oldest run has been in it (0 when none)
 * @param kept        ended runs whose namespace still exists (kept for debugging, or waiting for their TTL)
 */
public record FleetSnapshot(Map<Phase, Integer> active, int queued, Map<Phase, Duration> oldestAge, int kept) {

    /** The phases in which a run holds an environment (what sit.concurrency.max-active counts). */
    public static final List<Phase> ACTIVE_PHASES =
            List.of(Phase.PENDING, Phase.PROVISIONING, Phase.SEEDING, Phase.TESTING);
    /** Every non-terminal phase: where a run can be stuck. */
    public static final List<Phase> WAITING_PHASES =
            List.of(Phase.QUEUED, Phase.PENDING, Phase.PROVISIONING, Phase.SEEDING, Phase.TESTING);

    public static final FleetSnapshot EMPTY = of(List.of(), name -> false, Instant.EPOCH);

    /**
     * @param namespaceExists whether a run namespace of this name exists (the operator's namespace informer): a run
     *        that ended before its namespace was created (refused by the fence) keeps no environment
     */
    public static FleetSnapshot of(Iterable<SitRun> runs, Predicate<String> namespaceExists, Instant now) {
        Map<Phase, Integer> active = new EnumMap<>(Phase.class);
        ACTIVE_PHASES.forEach(phase -> active.put(phase, 0));
        Map<Phase, Duration> oldest = new EnumMap<>(Phase.class);
        WAITING_PHASES.forEach(phase -> oldest.put(phase, Duration.ZERO));
        int queued = 0;
        int kept = 0;
        for (SitRun run : runs) {
            SitRunStatus status = run.getStatus();
            Phase phase = status == null ? null : status.getPhase();
            if (phase == null) {
                continue;
            }
            if (phase.isTerminal()) {
                var cleanup = status.getCleanup();
                boolean deleted = cleanup != null && cleanup.isNamespaceDeleted();
                if (!deleted && status.getNamespace() != null && namespaceExists.test(status.getNamespace())) {
                    kept++;
                }
                continue;
            }
            if (phase == Phase.QUEUED) {
                queued++;
            } else {
                active.merge(phase, 1, Integer::sum);
            }
            Instant since = since(status, phase);
            if (since != null && oldest.containsKey(phase)) {
                Duration age = Duration.between(since, now);
                if (age.compareTo(oldest.get(phase)) > 0) {
                    oldest.put(phase, age);
                }
            }
        }
        return new FleetSnapshot(Map.copyOf(active), queued, Map.copyOf(oldest), kept);
    }

    /** When the run entered its phase: queuedSince for Queued (a queued run has no start), else phaseStartTime. */
    private static Instant since(SitRunStatus status, Phase phase) {
        String text = phase == Phase.QUEUED && status.getQueuedSince() != null
                ? status.getQueuedSince()
                : status.getPhaseStartTime();
        try {
            return Timestamps.parse(text);
        } catch (RuntimeException e) {
            // Status is the operator's own, but a hand-edited timestamp must not break every scrape.
            return null;
        }
    }
}
