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
    static final int EXACT_POSITIONS = 3;
    /** Further back, the shown position is refreshed once the real one fell to this fraction of it, or below. */
    static final int REFRESH_DIVISOR = 8;
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
     * The position written to status: exact for the first {@link #EXACT_POSITIONS}; further back refreshed only when
     * it fell to an eighth (or grew), so 950 reads 950, 118, 14, 3, 2, 1 on its way to the head. Every refresh is
     * a status write: 8 per queued run with exact positions up to 10 and halving beyond, 5.4 on average over 950
     * queued runs with a quarter, 4.5 with an eighth (the 1000-run benchmark, see e2e/bench/README.md).
     */
    public static int shownPosition(SitRunStatus queued, RunAdmission.Decision decision) {
        int position = decision.position();
        Integer shown = queued == null ? null : queued.getQueuePosition();
        if (shown == null || position <= EXACT_POSITIONS || position > shown || position <= shown / REFRESH_DIVISOR) {
            return position;
        }
        return shown;
    }

    /**
     * When a queued run looks again: the head of the queue every 2 seconds (or the poll interval, when shorter),
     * further back gradually less often, up to the poll interval; beyond 10 s of queue per poll interval (position
     * 150 at the default 15 s) every 100 ms per position ahead of it. A run that ends wakes the head of the queue and
     * the first waiting run of its namespace at once (RunWakeUps); far back a look mostly refreshes the shown
     * position, which changes only when it fell to an eighth, and polling 950 queued runs every 15 s is work that
     * grows with the queue (e2e/bench/README.md).
     */
    public static Duration recheckAfter(int position, Duration pollInterval) {
        Duration after = HEAD_RECHECK.plusMillis(100L * Math.max(0, position - 1));
        Duration soonest = pollInterval.compareTo(HEAD_RECHECK) < 0 ? pollInterval : HEAD_RECHECK;
        Duration farBack = Duration.ofMillis(100L * position);
        Duration latest = farBack.compareTo(pollInterval) > 0 ? farBack : pollInterval;
        if (after.compareTo(latest) > 0) {
            after = latest;
        }
        return after.compareTo(soonest) < 0 ? soonest : after;
    }
}
