package io.dataops.sit.runner.local;

import io.dataops.sit.runner.embedded.EmbeddedKafka;
import io.dataops.sit.runner.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Everything a local run started (brokers, databases, the schema registry, systems), stopped exactly once — systems first, in reverse
 * start order, then the servers — by the run's finally block or by the Ctrl-C hook, whichever comes first.
 */
final class StartedResources {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<Class<?>> everStarted = new ArrayList<>();
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
        everStarted.add(resource.getClass());
        return resource;
    }

    /** How many resources were started in all, including those already stopped. */
    synchronized int everStarted() {
        return everStarted.size();
    }

    /** How many resources of {@code kind} were started in all, including those already stopped. */
    synchronized long everStarted(Class<?> kind) {
        return everStarted.stream().filter(kind::isAssignableFrom).count();
    }

    /**
     * Stops the systems in reverse start order, then the servers (brokers, databases, the schema registry) all at once: they do not
     * depend on each other, and each takes a while to shut down. Safe to call twice (hook + finally): the second
     * call does nothing.
     */
    synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        while (!started.isEmpty() && !isServer(started.peek())) {
            stop(started.pop());
        }
        List<CompletableFuture<Void>> servers = new ArrayList<>();
        while (!started.isEmpty()) {
            AutoCloseable server = started.pop();
            servers.add(CompletableFuture.runAsync(() -> stop(server)));
        }
        servers.forEach(CompletableFuture::join);
    }

    private static boolean isServer(AutoCloseable resource) {
        return resource instanceof EmbeddedKafka
                || resource instanceof EmbeddedPostgres
                || resource instanceof LocalSchemaRegistry;
    }

    private void stop(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            out.println("sit run: warning: could not stop " + resource + ": " + e);
        }
    }
}
