package io.dataops.sit.operator;

import io.quarkiverse.operatorsdk.runtime.QuarkusConfigurationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this replica does the operator-wide chores (the orphan sweep): with leader election active (the prod
 * profile, {@link LeaderElection}) only while it holds the Lease, else always. JOSDK's own leader callbacks start the
 * controllers; {@link LeaderElection} chains these to them.
 */
@ApplicationScoped
public class Leadership {

    private final boolean electionActive;
    private volatile boolean leading;
    private final List<Runnable> onStartLeading = new ArrayList<>();

    @Inject
    Leadership(QuarkusConfigurationService configuration) {
        // QOSDK hands JOSDK the LeaderElectionConfiguration only in the profiles it activates leader election for.
        this(configuration.getLeaderElectionConfiguration().isPresent());
    }

    Leadership(boolean electionActive) {
        this.electionActive = electionActive;
    }

    public boolean isLeader() {
        return !electionActive || leading;
    }

    /** Runs the task whenever this replica becomes the leader, and at once if it already is (the Lease may be won
     * before the task's owner starts). */
    public synchronized void onStartLeading(Runnable task) {
        onStartLeading.add(task);
        if (electionActive && leading) {
            task.run();
        }
    }

    synchronized void startedLeading() {
        leading = true;
        onStartLeading.forEach(Runnable::run);
    }

    void stoppedLeading() {
        leading = false;
    }
}
