package io.dataops.sit.kubectl;

import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows one SitRun until its current run ends: an informer on that one object (list, then watch, reconnecting
 * on its own) feeds a queue; each version is compared with the last one printed and only changes are printed.
 */
final class RunFollower {

    /** How the wait ended: the last SitRun seen, and whether it reached a terminal phase before the deadline. */
    record Outcome(SitRun run, boolean ended) {}

    private final Kube kube;
    private final String name;
    private final PrintWriter progress;
    private final long startNanos = System.nanoTime();
    // Last values printed, so a repeated status (every reconcile writes one) prints nothing.
    private String lastPhase;
    private final Map<String, String> lastDatabases = new HashMap<>();
    private String lastScenarios;

    RunFollower(Kube kube, String name, PrintWriter progress) {
        this.kube = kube;
        this.name = name;
        this.progress = progress;
    }

    /**
     * Waits until the SitRun is terminal for the run started with rerunToken {@code token} (any token when
     * {@code anyToken}), then up to {@code reportWait} more for status.report, all within {@code timeout}.
     */
    Outcome follow(Duration timeout, Duration reportWait, boolean anyToken, String token) throws InterruptedException {
        BlockingQueue<Optional<SitRun>> versions = new LinkedBlockingQueue<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        SharedIndexInformer<SitRun> informer = kube.sitRuns()
                .inNamespace(kube.namespace())
                .withName(name)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(SitRun run) {
                        versions.add(Optional.of(run));
                    }

                    @Override
                    public void onUpdate(SitRun before, SitRun after) {
                        versions.add(Optional.of(after));
                    }

                    @Override
                    public void onDelete(SitRun run, boolean finalStateUnknown) {
                        versions.add(Optional.empty());
                    }
                });
        try {
            SitRun last = null;
            Long endedAt = null;
            while (true) {
                long left = endedAt == null
                        ? deadline - System.nanoTime()
                        : Math.min(deadline, endedAt + reportWait.toNanos()) - System.nanoTime();
                Optional<SitRun> next = left <= 0 ? null : versions.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return new Outcome(last, endedAt != null);
                }
                SitRun run = next.orElseThrow(
                        () -> new UserError("sitrun \"" + name + "\" was deleted while waiting for it"));
                last = run;
                boolean current = anyToken
                        || Objects.equals(
                                token,
                                run.getStatus() == null ? null : run.getStatus().getRerunToken());
                if (!current) {
                    continue; // the previous run's status, until the operator starts the new one
                }
                print(run.getStatus());
                if (endedAt == null
                        && run.getStatus() != null
                        && run.getStatus().isTerminal()) {
                    endedAt = System.nanoTime();
                }
                if (endedAt != null && run.getStatus().getReport() != null) {
                    return new Outcome(run, true);
                }
            }
        } finally {
            informer.stop();
        }
    }

    /** Prints what changed since the last status: phase, seeded rows per database, scenario progress. */
    void print(SitRunStatus status) {
        if (status == null || status.getPhase() == null) {
            if (lastPhase == null) {
                lastPhase = "";
                line("no status yet: waiting for the operator to pick it up");
            }
            return;
        }
        String phase = status.getPhase() == null
                ? null
                : status.getPhase().value() + (status.getReason() != null ? " (" + status.getReason() + ")" : "");
        if (phase != null && !phase.equals(lastPhase)) {
            lastPhase = phase;
            line(phase + (status.getMessage() != null ? ": " + status.getMessage() : ""));
        }
        for (DatabaseStatus db : status.getDatabases()) {
            if (db.getSeededRows() == null && !db.isSeeded()) {
                continue;
            }
            String seeded = (db.getSeededRows() == null ? "?" : db.getSeededRows()) + " rows"
                    + (db.isSeeded() ? ", seeded" : "")
                    + (db.getDatasetVersion() != null ? " (dataset " + db.getDatasetVersion() + ")" : "");
            if (!seeded.equals(lastDatabases.put(db.getName(), seeded))) {
                line("database " + db.getName() + ": " + seeded);
            }
        }
        if (status.getResults() != null) {
            ScenarioCounts counts = status.getResults().getScenarios();
            StringBuilder sb = new StringBuilder();
            if (counts != null && counts.getTotal() > 0) {
                sb.append("scenarios ")
                        .append(counts.getPassed() + counts.getFailed())
                        .append('/')
                        .append(counts.getTotal())
                        .append(" done: ")
                        .append(counts.getPassed())
                        .append(" passed, ")
                        .append(counts.getFailed())
                        .append(" failed");
            }
            if (status.getResults().getPassed() != null) {
                sb.append(sb.isEmpty() ? "" : "; ")
                        .append("thresholds passed ")
                        .append(status.getResults().getPassed());
            }
            String scenarios = sb.toString();
            if (!scenarios.isEmpty() && !scenarios.equals(lastScenarios)) {
                lastScenarios = scenarios;
                line(scenarios);
            }
        }
    }

    private void line(String text) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        progress.printf("[%02d:%02d] %s%n", seconds / 60, seconds % 60, text);
        progress.flush();
    }
}
