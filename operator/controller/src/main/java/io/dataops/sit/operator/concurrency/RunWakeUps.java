package io.dataops.sit.operator.concurrency;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Collection;
import java.util.Set;

/**
 * Reconciles other SitRuns now instead of at their next poll: a run's outcome can decide another run's fate, and no
 * Kubernetes event tells that other run. A newer run with policy CancelRunning wakes the older runs of its group (they
 * end Superseded within a reconcile, not up to {@code sit.poll-interval} later, still building an environment nobody
 * wants); a run that ends wakes the runs waiting for its slot or its group. Each woken run decides for itself in its
 * own reconcile (RunAdmission), so its status keeps a single writer.
 *
 * <p>An event source of its own, not a second SitRun informer mapping runs onto each other: it holds nothing, and the
 * SitRuns to wake are already known from the primary cache where the decision is made.
 */
public class RunWakeUps extends AbstractEventSource<RunWakeUps.WakeUp, SitRun> {

    /** Carries nothing: this source only triggers reconciles, it has no secondary resources. */
    public record WakeUp() {}

    public RunWakeUps() {
        super(WakeUp.class, "run-wake-ups");
    }

    /** Queues a reconcile of each run (coalesced with any pending one by the event processor). */
    public void wake(Collection<SitRun> runs) {
        if (!isRunning()) {
            return;
        }
        for (SitRun run : runs) {
            getEventHandler().handleEvent(new Event(ResourceID.fromResource(run)));
        }
    }

    @Override
    public Set<WakeUp> getSecondaryResources(SitRun primary) {
        return Set.of();
    }
}
