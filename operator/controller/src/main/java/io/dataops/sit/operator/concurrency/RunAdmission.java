package io.dataops.sit.operator.concurrency;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.ConcurrencyPolicy;
import io.dataops.sit.api.v1alpha1.spec.ConcurrencySpec;
import io.dataops.sit.operator.OperatorSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which run may start, which waits and where, which is superseded, which finished runs go: pure functions over the
 * SitRuns the operator sees (its informer cache), so the queue survives a restart and every rule is unit-tested.
 *
 * <p>The queue order is fair FIFO: creation time, then namespace, then name. A run that is not yet started (no
 * phase, or Queued) is admitted when, walking the waiting runs in that order and letting each one that fits take its
 * slot first:
 * <ol>
 * <li>no older non-terminal run of its namespace and concurrency group exists (policy Queue; with CancelRunning the
 * older ones are superseded instead) — else it waits with {@code WaitingForGroup};</li>
 * <li>the operator-wide count of active runs is below {@code sit.concurrency.max-active} — else
 * {@code ConcurrencyLimit}, and so does every run after it (nobody overtakes);</li>
 * <li>its namespace's count is below {@code sit.concurrency.max-active-per-namespace} — else
 * {@code NamespaceConcurrencyLimit}.</li>
 * </ol>
 * A run waiting only for its group or its own namespace's limit takes no slot and blocks no run of another group or
 * namespace. Active means Pending, Provisioning, Seeding or Testing; a SitRun being deleted counts for nothing.
 */
public final class RunAdmission {

    /**
     * Creation time, then namespace, then name: the queue's order, and "older" for groups. The API server writes
     * creationTimestamp in one fixed UTC form (2006-01-02T15:04:05Z), so the text compares as the time does, without
     * parsing each one at every comparison (a long queue is sorted at every look); not created yet sorts last.
     */
    public static final Comparator<SitRun> FIFO = Comparator.comparing(
                    (SitRun r) -> r.getMetadata().getCreationTimestamp(),
                    Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(r -> r.getMetadata().getNamespace())
            .thenComparing(r -> r.getMetadata().getName());

    private RunAdmission() {}

    /** Admitted, or why not, with the run's 1-based place among the waiting runs (1 = starts next). */
    public record Decision(boolean admitted, String reason, String message, int position) {

        static Decision admit() {
            return new Decision(true, null, null, 0);
        }
    }

    /** Whether this run may start now; {@code runs} is every SitRun the operator sees (the candidate among them or not). */
    public static Decision decide(SitRun candidate, Collection<SitRun> runs, OperatorSettings.Concurrency limits) {
        Map<String, SitRun> byKey = new LinkedHashMap<>();
        for (SitRun run : runs) {
            if (run.getMetadata().getDeletionTimestamp() == null) {
                byKey.put(key(run), run);
            }
        }
        // The candidate as this reconcile sees it (a re-run is not started yet, whatever its cached status says).
        byKey.put(key(candidate), candidate);
        Collection<SitRun> live = byKey.values();

        int active = 0;
        Map<String, Integer> activeByNamespace = new HashMap<>();
        for (SitRun run : live) {
            if (run != candidate && isActive(run)) {
                active++;
                activeByNamespace.merge(run.getMetadata().getNamespace(), 1, Integer::sum);
            }
        }
        List<SitRun> waiting = new ArrayList<>();
        for (SitRun run : live) {
            if (run == candidate || isWaiting(run)) {
                waiting.add(run);
            }
        }
        waiting.sort(FIFO);
        // Each group's runs in order, built once: the walk below stays linear in the number of runs.
        Map<String, List<SitRun>> groups = new HashMap<>();
        for (SitRun run : live) {
            if (group(run) != null) {
                groups.computeIfAbsent(groupKey(run), k -> new ArrayList<>()).add(run);
            }
        }
        groups.values().forEach(list -> list.sort(FIFO));

        boolean slotsFull = false;
        int position = 0;
        for (SitRun run : waiting) {
            List<SitRun> group = group(run) == null ? List.of() : groups.get(groupKey(run));
            if (run != candidate && supersededIn(run, group)) {
                continue; // it ends Cancelled at its next reconcile: no place, no slot
            }
            position++;
            String namespace = run.getMetadata().getNamespace();
            Optional<SitRun> groupAhead = group.stream()
                    .takeWhile(other -> other != run)
                    .filter(other -> !isFinished(other))
                    .findFirst();
            Decision decision;
            if (groupAhead.isPresent()
                    && ConcurrencySpec.effectivePolicy(run.getSpec().getConcurrency()) == ConcurrencyPolicy.QUEUE) {
                decision = new Decision(
                        false,
                        RunReason.WAITING_FOR_GROUP.value(),
                        "waiting for " + groupAhead.get().getMetadata().getName()
                                + ", an older run of concurrency group " + group(run) + ", to end",
                        position);
            } else if (slotsFull || limits.maxActive() > 0 && active >= limits.maxActive()) {
                slotsFull = true;
                decision = new Decision(
                        false,
                        RunReason.CONCURRENCY_LIMIT.value(),
                        "waiting for one of the " + limits.maxActive()
                                + " operator-wide slots (sit.concurrency.max-active)",
                        position);
            } else if (limits.maxActivePerNamespace() > 0
                    && activeByNamespace.getOrDefault(namespace, 0) >= limits.maxActivePerNamespace()) {
                decision = new Decision(
                        false,
                        RunReason.NAMESPACE_CONCURRENCY_LIMIT.value(),
                        "waiting for one of the "
                                + limits.maxActivePerNamespace() + " slots of namespace " + namespace
                                + " (sit.concurrency.max-active-per-namespace)",
                        position);
            } else {
                // Fits: it takes its slot, whether it is the candidate or an older run whose reconcile comes later.
                decision = Decision.admit();
                active++;
                activeByNamespace.merge(namespace, 1, Integer::sum);
            }
            if (run == candidate) {
                return decision;
            }
        }
        throw new IllegalStateException("the candidate is always among the waiting runs");
    }

    /** The newest newer run of this run's namespace and group whose policy is CancelRunning, if any. */
    public static Optional<SitRun> supersededBy(SitRun run, Collection<SitRun> runs) {
        if (group(run) == null) {
            return Optional.empty();
        }
        return runs.stream()
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
                .filter(other -> sameGroup(run, other) && FIFO.compare(other, run) > 0)
                .filter(other -> ConcurrencySpec.effectivePolicy(other.getSpec().getConcurrency())
                        == ConcurrencyPolicy.CANCEL_RUNNING)
                .max(FIFO);
    }

    /**
     * The runs this run supersedes: when its policy is CancelRunning, the older runs of its namespace and group that
     * have not ended (running or queued). Each ends Superseded in its own reconcile ({@link #supersededBy}).
     */
    public static List<SitRun> supersedes(SitRun run, Collection<SitRun> runs) {
        if (group(run) == null
                || ConcurrencySpec.effectivePolicy(run.getSpec().getConcurrency())
                        != ConcurrencyPolicy.CANCEL_RUNNING) {
            return List.of();
        }
        return runs.stream()
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
                .filter(other -> sameGroup(run, other) && FIFO.compare(other, run) < 0 && !isFinished(other))
                .toList();
    }

    /**
     * The runs that may start now that {@code ended} ended: the waiting runs of its group, the head of the queue (one
     * slot freed) and the first waiting run of its namespace (one slot of the namespace's limit freed). The others
     * look again on their own schedule (RunQueue#recheckAfter).
     */
    public static List<SitRun> mayStartAfter(SitRun ended, Collection<SitRun> runs) {
        List<SitRun> wake = new ArrayList<>();
        SitRun head = null;
        SitRun namespaceHead = null;
        String namespace = ended.getMetadata().getNamespace();
        for (SitRun other : runs) {
            if (other.getMetadata().getDeletionTimestamp() != null || !isWaiting(other) || other == ended) {
                continue;
            }
            if (sameGroup(ended, other)) {
                wake.add(other);
                continue;
            }
            if (head == null || FIFO.compare(other, head) < 0) {
                head = other;
            }
            if (Objects.equals(namespace, other.getMetadata().getNamespace())
                    && (namespaceHead == null || FIFO.compare(other, namespaceHead) < 0)) {
                namespaceHead = other;
            }
        }
        if (head != null) {
            wake.add(head);
        }
        if (namespaceHead != null && namespaceHead != head) {
            wake.add(namespaceHead);
        }
        return wake;
    }

    /**
     * The finished SitRuns of this run's namespace and group beyond the history limit, oldest first: N = the newest
     * run's spec.concurrency.historyLimit, at most the operator's (0 there = no operator bound).
     */
    public static List<SitRun> beyondHistory(SitRun run, Collection<SitRun> runs, int operatorMax) {
        if (group(run) == null) {
            return List.of();
        }
        // The run itself counts: it is one of the group's finished (or newest) runs.
        List<SitRun> group = runs.stream()
                .filter(other -> group(run).equals(group(other))
                        && run.getMetadata()
                                .getNamespace()
                                .equals(other.getMetadata().getNamespace()))
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
                .sorted(FIFO.reversed())
                .toList();
        if (group.isEmpty()) {
            return List.of();
        }
        Integer requested = group.get(0).getSpec().getConcurrency().getHistoryLimit();
        int keep;
        if (requested == null) {
            keep = operatorMax == 0 ? Integer.MAX_VALUE : operatorMax;
        } else {
            keep = operatorMax == 0 ? requested : Math.min(requested, operatorMax);
        }
        List<SitRun> finished = group.stream().filter(RunAdmission::isFinished).toList();
        if (finished.size() <= keep) {
            return List.of();
        }
        List<SitRun> beyond = new ArrayList<>(finished.subList(keep, finished.size()));
        beyond.sort(FIFO);
        return beyond;
    }

    /** Pending to Testing: it holds a slot. */
    public static boolean isActive(SitRun run) {
        Phase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
        return phase != null && !phase.isTerminal() && phase != Phase.QUEUED;
    }

    /** Not started yet: never reconciled, or Queued. */
    public static boolean isWaiting(SitRun run) {
        Phase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
        return phase == null || phase == Phase.QUEUED;
    }

    public static boolean isFinished(SitRun run) {
        return run.getStatus() != null
                && run.getStatus().getPhase() != null
                && run.getStatus().getPhase().isTerminal();
    }

    /** Whether this run's admission depends on other runs at all (without limits or a group it never waits). */
    public static boolean mayWait(SitRun run, OperatorSettings.Concurrency limits) {
        return limits.limited() || group(run) != null;
    }

    public static String group(SitRun run) {
        var concurrency = run.getSpec() == null ? null : run.getSpec().getConcurrency();
        return concurrency == null ? null : concurrency.getGroup();
    }

    /** Whether a run after this one in its group (FIFO order) has the policy CancelRunning. */
    private static boolean supersededIn(SitRun run, List<SitRun> group) {
        return group.stream()
                .dropWhile(other -> other != run)
                .skip(1)
                .anyMatch(
                        other -> ConcurrencySpec.effectivePolicy(other.getSpec().getConcurrency())
                                == ConcurrencyPolicy.CANCEL_RUNNING);
    }

    private static String groupKey(SitRun run) {
        return run.getMetadata().getNamespace() + "/" + group(run);
    }

    private static boolean sameGroup(SitRun a, SitRun b) {
        return a != b
                && group(a) != null
                && group(a).equals(group(b))
                && a.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())
                && !a.getMetadata().getName().equals(b.getMetadata().getName());
    }

    private static String key(SitRun run) {
        return run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
    }
}
