package io.dataops.sit.runner.steps;

import io.dataops.sit.runner.env.FaultTarget;
import io.dataops.sit.runner.env.Faults;
import io.dataops.sit.runner.env.Faults.FaultException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The faults one scenario injected and has not undone: what the scenario-end hook restores, exactly these. A fault
 * "for N seconds" is restored by a timer; a step ("available again") or the hook may get there first. Whoever claims
 * a fault restores it, the others wait for that restore, so a component is never started twice.
 */
final class ActiveFaults {

    /** Longest wait for a restore another thread is running (the implementations bound their own waits). */
    private static final Duration AWAIT_OTHER_RESTORE = Duration.ofMinutes(10);

    private final Faults faults;
    private final Map<FaultTarget, Fault> active = new LinkedHashMap<>();
    /** Every component this scenario made unavailable, restored or not ("within" polls ride out their outage). */
    private final Set<FaultTarget> touched = new LinkedHashSet<>();

    private ScheduledExecutorService timers;

    private static final class Fault {
        final FaultTarget target;
        boolean restoring;
        CompletableFuture<Void> restored = new CompletableFuture<>();
        ScheduledFuture<?> timer;

        Fault(FaultTarget target) {
            this.target = target;
        }
    }

    ActiveFaults(Faults faults) {
        this.faults = faults;
    }

    synchronized boolean isActive(FaultTarget target) {
        return active.containsKey(target);
    }

    synchronized boolean touchedAny(FaultTarget.Kind kind) {
        return touched.stream().anyMatch(t -> t.kind() == kind);
    }

    synchronized List<FaultTarget> active() {
        return List.copyOf(active.keySet());
    }

    /**
     * Stops the component and remembers it as down; a failed stop leaves it remembered too (it may be half down),
     * unless the port refused before changing anything.
     */
    void stop(FaultTarget target) throws FaultException {
        Fault fault = new Fault(target);
        synchronized (this) {
            active.put(target, fault);
            touched.add(target);
        }
        try {
            faults.stop(target);
        } catch (FaultException e) {
            if (e.componentUntouched()) {
                synchronized (this) {
                    active.remove(target);
                }
            }
            throw e;
        }
    }

    /** Restores the component after {@code after}, in the background. */
    synchronized void restoreAfter(FaultTarget target, Duration after) {
        Fault fault = active.get(target);
        if (timers == null) {
            timers = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("sit-fault-restore").factory());
        }
        fault.timer = timers.schedule(
                () -> {
                    try {
                        restore(target);
                        System.err.println("    " + target + " available again after " + after.toSeconds() + " s");
                    } catch (FaultException | RuntimeException e) {
                        // The hook tries again at the scenario's end; the steps meanwhile see the component down.
                        System.err.println("    " + target + " was not restored after " + after.toSeconds() + " s: "
                                + e.getMessage());
                    }
                },
                after.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Brings the component back and forgets it; returns at once when it is not down. Waits when another thread is
     * restoring it already, and fails as that restore failed.
     */
    void restore(FaultTarget target) throws FaultException {
        Fault fault;
        CompletableFuture<Void> restored;
        boolean mine;
        synchronized (this) {
            fault = active.get(target);
            if (fault == null) {
                return;
            }
            mine = !fault.restoring;
            if (mine) {
                fault.restoring = true;
                fault.restored = new CompletableFuture<>();
            }
            restored = fault.restored;
        }
        if (!mine) {
            awaitOtherRestore(target, restored);
            return;
        }
        if (fault.timer != null) {
            fault.timer.cancel(false); // a no-op when this is the timer's own run
        }
        try {
            faults.start(target);
        } catch (FaultException | RuntimeException e) {
            synchronized (this) {
                fault.restoring = false;
            }
            restored.completeExceptionally(e);
            throw e;
        }
        synchronized (this) {
            active.remove(target);
        }
        restored.complete(null);
    }

    private static void awaitOtherRestore(FaultTarget target, CompletableFuture<Void> restored) throws FaultException {
        try {
            restored.get(AWAIT_OTHER_RESTORE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new FaultException(
                    target + " was not restored: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new FaultException(
                    target + " was still being restored after " + AWAIT_OTHER_RESTORE.toMinutes() + " min");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted while " + target + " was being restored");
        }
    }

    /** Restores every fault still active (each one tried, whatever the others do) and stops the timers. */
    List<String> restoreAll() {
        List<String> failures = new ArrayList<>();
        for (FaultTarget target : active()) {
            try {
                restore(target);
                System.err.println("    " + target + " restored at the scenario's end");
            } catch (FaultException | RuntimeException e) {
                failures.add(target + ": " + e.getMessage());
            }
        }
        synchronized (this) {
            if (timers != null) {
                timers.shutdownNow();
                timers = null;
            }
        }
        return failures;
    }
}
