package io.dataops.sit.operator.concurrency;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.List;

/** The queue's plumbing around {@link RunAdmission}: reading the SitRuns, how often a queued run looks again. */
public final class RunQueue {

    /** Up to this position the status shows the exact place in the queue; see {@link #shownPosition}. */
    static final int EXACT_POSITIONS = 10;
    /** How soon the run at the head of the queue looks again for a free slot. */
    static final Duration HEAD_RECHECK = Duration.ofSeconds(2);

    private RunQueue() {}

    /**
     * The SitRuns of the informer cache (one namespace, or all for null), each in its newest known version: the
     * cache's list does not include a status this operator wrote moments ago, its per-object lookup does (JOSDK keeps
     * the written object in a temporary cache until the watch delivers it).
     */
    public static List<SitRun> cached(Context<SitRun> context, String namespace) {
        var cache = context.getPrimaryCache();
        var listed = namespace == null ? cache.list() : cache.list(namespace);
        return listed.map(run -> cache.get(ResourceID.fromResource(run)).orElse(run))
                .toList();
    }

    /**
     * The position written to status. Exact near the head; further back it is refreshed only when it halved (or
     * grew), so a long queue moving by one does not rewrite every queued run's status each time (API writes).
     */
    public static int shownPosition(SitRunStatus queued, RunAdmission.Decision decision) {
        int position = decision.position();
        Integer shown = queued == null ? null : queued.getQueuePosition();
        if (shown == null || position <= EXACT_POSITIONS || position > shown || position <= shown / 2) {
            return position;
        }
        return shown;
    }

    /**
     * When a queued run looks again: the head of the queue every 2 seconds (or the poll interval, when shorter),
     * further back gradually less often, never less often than the poll interval.
     */
    public static Duration recheckAfter(int position, Duration pollInterval) {
        Duration after = HEAD_RECHECK.plusMillis(100L * Math.max(0, position - 1));
        Duration soonest = pollInterval.compareTo(HEAD_RECHECK) < 0 ? pollInterval : HEAD_RECHECK;
        if (after.compareTo(pollInterval) > 0) {
            after = pollInterval;
        }
        return after.compareTo(soonest) < 0 ? soonest : after;
    }
}
