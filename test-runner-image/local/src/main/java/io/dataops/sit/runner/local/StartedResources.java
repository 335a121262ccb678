package io.dataops.sit.runner.local;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a local run started (brokers, databases, systems), stopped in reverse start order exactly once:
 * by the run's finally block or by the Ctrl-C hook, whichever comes first.
 */
final class StartedResources {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private int everStarted;
    private final PrintStream out;
    private boolean stopped;

    StartedResources(PrintStream out) {
        this.out = out;
    }

    /** Remembers a started resource; when stopping has begun (Ctrl-C came while it started) it is closed at once. */
    synchronized <T extends AutoCloseable> T add(T resource) {
        if (stopped) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // best effort: we are stopping anyway
            }
            throw new IllegalStateException("stopping");
        }
        started.push(resource);
        everStarted++;
        return resource;
    }

    /** How many resources were started in all, including those already stopped. */
    synchronized int everStarted() {
        return everStarted;
    }

    /** Safe to call twice (hook + finally): the second call does nothing. */
    synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                out.println("sit run: warning: could not stop " + resource + ": " + e);
            }
        }
    }
}
