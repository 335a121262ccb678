package io.dataops.sit.operator.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.spec.ConcurrencyPolicy;
import io.dataops.sit.api.v1alpha1.spec.ConcurrencySpec;
import io.dataops.sit.operator.OperatorSettings.Concurrency;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAdmissionTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Concurrency TWO = new Concurrency(2, 0, 10);

    /** A run created {@code second} seconds after T0, in {@code phase} (null: never reconciled). */
    static SitRun run(String namespace, String name, int second, Phase phase) {
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withNamespace(namespace)
                .withName(name)
                .withUid("uid-" + name)
                .withCreationTimestamp(T0.plusSeconds(second).toString())
                .build());
        run.setSpec(new SitRunSpec());
        if (phase != null) {
            SitRunStatus status = new SitRunStatus();
            status.setPhase(phase);
            run.setStatus(status);
        }
        return run;
    }

    static SitRun grouped(SitRun run, String group, ConcurrencyPolicy policy, Integer historyLimit) {
        ConcurrencySpec concurrency = new ConcurrencySpec();
        concurrency.setGroup(group);
        concurrency.setPolicy(policy);
        concurrency.setHistoryLimit(historyLimit);
        run.getSpec().setConcurrency(concurrency);
        return run;
    }

    @Test
    void withoutLimitsOrGroupsEveryRunIsAdmitted() {
        List<SitRun> runs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            runs.add(run("team", "r" + i, i, Phase.TESTING));
        }
        SitRun fresh = run("team", "fresh", 99, null);
        assertThat(RunAdmission.decide(fresh, runs, new Concurrency(0, 0, 10)).admitted())
                .isTrue();
        assertThat(RunAdmission.mayWait(fresh, new Concurrency(0, 0, 10))).isFalse();
    }

    @Test
    void fiveRunsWithALimitOfTwoAdmitTheOldestTwoAndQueueTheRestInCreationOrder() {
        List<SitRun> runs = List.of(
                run("a", "r5", 5, null),
                run("b", "r3", 3, null),
                run("a", "r1", 1, null),
                run("c", "r4", 4, null),
                run("b", "r2", 2, null));
        List<String> admitted = new ArrayList<>();
        List<String> queued = new ArrayList<>();
        for (SitRun run : runs.stream().sorted(RunAdmission.FIFO).toList()) {
            var decision = RunAdmission.decide(run, runs, TWO);
            if (decision.admitted()) {
                admitted.add(run.getMetadata().getName());
            } else {
                assertThat(decision.reason()).isEqualTo(RunReason.CONCURRENCY_LIMIT.value());
                assertThat(decision.message()).contains("2 operator-wide slots", "sit.concurrency.max-active");
                queued.add(run.getMetadata().getName() + "@" + decision.position());
            }
        }
        assertThat(admitted).containsExactly("r1", "r2");
        // r1 and r2 have not written their status yet: they still stand in the queue ahead of r3.
        assertThat(queued).containsExactly("r3@3", "r4@4", "r5@5");
    }

    @Test
    void creationTimeComesBeforeNamespaceAndNameWhichOnlyBreakTies() {
        List<SitRun> runs = List.of(
                run("a", "aaa", 9, null), run("z", "zzz", 1, null), run("b", "tie", 5, null), run("a", "tie", 5, null));
        assertThat(runs.stream()
                        .sorted(RunAdmission.FIFO)
                        .map(r -> r.getMetadata().getNamespace() + "/"
                                + r.getMetadata().getName()))
                .containsExactly("z/zzz", "a/tie", "b/tie", "a/aaa");
        Concurrency one = new Concurrency(1, 0, 10);
        assertThat(RunAdmission.decide(runs.get(1), runs, one).admitted()).isTrue();
        assertThat(RunAdmission.decide(runs.get(0), runs, one).position()).isEqualTo(4);
    }

    @Test
    void positionsCountOnlyTheRunsStillWaitingAndTheNextInLineStartsWhenASlotFrees() {
        List<SitRun> runs = new ArrayList<>(List.of(
                run("a", "r1", 1, Phase.TESTING),
                run("b", "r2", 2, Phase.SEEDING),
                run("a", "r3", 3, Phase.QUEUED),
                run("c", "r4", 4, Phase.QUEUED),
                run("b", "r5", 5, Phase.QUEUED)));
        assertThat(RunAdmission.decide(runs.get(2), runs, TWO).position()).isEqualTo(1);
        assertThat(RunAdmission.decide(runs.get(3), runs, TWO).position()).isEqualTo(2);
        assertThat(RunAdmission.decide(runs.get(4), runs, TWO).position()).isEqualTo(3);

        runs.set(0, run("a", "r1", 1, Phase.SUCCEEDED));
        assertThat(RunAdmission.decide(runs.get(4), runs, TWO).admitted())
                .as("r3 takes the slot first")
                .isFalse();
        assertThat(RunAdmission.decide(runs.get(3), runs, TWO).admitted()).isFalse();
        assertThat(RunAdmission.decide(runs.get(2), runs, TWO).admitted()).isTrue();
    }

    @Test
    void aRunBlockedOnlyByItsNamespaceLimitDoesNotBlockAnotherNamespace() {
        Concurrency perNamespace = new Concurrency(3, 1, 10);
        List<SitRun> runs =
                List.of(run("a", "a1", 1, Phase.TESTING), run("a", "a2", 2, Phase.QUEUED), run("b", "b1", 3, null));
        var a2 = RunAdmission.decide(runs.get(1), runs, perNamespace);
        assertThat(a2.admitted()).isFalse();
        assertThat(a2.reason()).isEqualTo(RunReason.NAMESPACE_CONCURRENCY_LIMIT.value());
        assertThat(a2.message()).contains("namespace a", "sit.concurrency.max-active-per-namespace");
        assertThat(RunAdmission.decide(runs.get(2), runs, perNamespace).admitted())
                .isTrue();
    }

    @Test
    void anOlderRunWaitingForTheOperatorWideSlotIsNotOvertaken() {
        Concurrency limits = new Concurrency(2, 2, 10);
        List<SitRun> runs = List.of(
                run("a", "a1", 1, Phase.TESTING),
                run("a", "a2", 2, Phase.TESTING),
                run("b", "b1", 3, Phase.QUEUED),
                run("c", "c1", 4, null));
        var c1 = RunAdmission.decide(runs.get(3), runs, limits);
        assertThat(c1.admitted()).isFalse();
        assertThat(c1.reason()).isEqualTo(RunReason.CONCURRENCY_LIMIT.value());
        assertThat(c1.position()).isEqualTo(2);
    }

    @Test
    void aGroupWithPolicyQueueRunsOneAtATimeInOrderAndDoesNotBlockOtherGroups() {
        Concurrency unlimited = new Concurrency(0, 0, 10);
        List<SitRun> runs = List.of(
                grouped(run("a", "pr-1", 1, Phase.SEEDING), "orders-pr-42", null, null),
                grouped(run("a", "pr-2", 2, null), "orders-pr-42", ConcurrencyPolicy.QUEUE, null),
                grouped(run("a", "other", 3, null), "orders-pr-43", null, null),
                grouped(run("b", "same-name-elsewhere", 4, null), "orders-pr-42", null, null));
        var waiting = RunAdmission.decide(runs.get(1), runs, unlimited);
        assertThat(waiting.admitted()).isFalse();
        assertThat(waiting.reason()).isEqualTo(RunReason.WAITING_FOR_GROUP.value());
        assertThat(waiting.message()).contains("pr-1", "orders-pr-42");
        assertThat(RunAdmission.decide(runs.get(2), runs, unlimited).admitted()).isTrue();
        assertThat(RunAdmission.decide(runs.get(3), runs, unlimited).admitted())
                .as("groups are per namespace")
                .isTrue();
        assertThat(RunAdmission.supersededBy(runs.get(0), runs)).isEmpty();
    }

    @Test
    void cancelRunningAdmitsTheNewerRunAndSupersedesEveryOlderOneOfTheGroup() {
        Concurrency unlimited = new Concurrency(0, 0, 10);
        List<SitRun> runs = List.of(
                grouped(run("a", "pr-1", 1, Phase.TESTING), "g", null, null),
                grouped(run("a", "pr-2", 2, Phase.QUEUED), "g", null, null),
                grouped(run("a", "pr-3", 3, null), "g", ConcurrencyPolicy.CANCEL_RUNNING, null),
                grouped(run("a", "pr-4", 4, null), "other", ConcurrencyPolicy.CANCEL_RUNNING, null));
        assertThat(RunAdmission.decide(runs.get(2), runs, unlimited).admitted()).isTrue();
        assertThat(RunAdmission.supersededBy(runs.get(0), runs))
                .get()
                .extracting(r -> r.getMetadata().getName())
                .isEqualTo("pr-3");
        assertThat(RunAdmission.supersededBy(runs.get(1), runs)).isPresent();
        assertThat(RunAdmission.supersededBy(runs.get(2), runs))
                .as("nothing newer")
                .isEmpty();
    }

    @Test
    void aCancelRunningRunWakesTheOlderRunsOfItsGroupThatHaveNotEnded() {
        SitRun ended = grouped(run("team", "pr-1", 1, Phase.SUCCEEDED), "pr", ConcurrencyPolicy.CANCEL_RUNNING, null);
        SitRun running = grouped(run("team", "pr-2", 2, Phase.SEEDING), "pr", ConcurrencyPolicy.CANCEL_RUNNING, null);
        SitRun queued = grouped(run("team", "pr-3", 3, Phase.QUEUED), "pr", ConcurrencyPolicy.QUEUE, null);
        SitRun otherNamespace = grouped(run("other", "pr-4", 4, Phase.TESTING), "pr", ConcurrencyPolicy.QUEUE, null);
        SitRun newest = grouped(run("team", "pr-5", 5, null), "pr", ConcurrencyPolicy.CANCEL_RUNNING, null);
        List<SitRun> runs = List.of(ended, running, queued, otherNamespace, newest);

        assertThat(RunAdmission.supersedes(newest, runs)).containsExactlyInAnyOrder(running, queued);
        assertThat(RunAdmission.supersedes(queued, runs))
                .as("policy Queue supersedes nothing")
                .isEmpty();
        assertThat(RunAdmission.supersedes(running, runs)).as("only older runs").isEmpty();
    }

    @Test
    void anEndedRunWakesTheWaitingRunsOfItsGroupAndTheHeadOfTheQueue() {
        SitRun ended = grouped(run("team", "pr-1", 1, Phase.SUCCEEDED), "pr", ConcurrencyPolicy.QUEUE, null);
        SitRun sameGroup = grouped(run("team", "pr-2", 9, Phase.QUEUED), "pr", ConcurrencyPolicy.QUEUE, null);
        SitRun head = run("b", "first-in-line", 2, Phase.QUEUED);
        SitRun behind = run("a", "second-in-line", 3, Phase.QUEUED);
        SitRun active = run("a", "active", 0, Phase.TESTING);
        List<SitRun> runs = List.of(behind, active, ended, sameGroup, head);

        assertThat(RunAdmission.mayStartAfter(ended, runs)).containsExactly(sameGroup, head);
        assertThat(RunAdmission.mayStartAfter(run("a", "ungrouped", 0, Phase.ERROR), List.of(behind, active)))
                .containsExactly(behind);
        SitRun teamNext = run("team", "team-next", 5, Phase.QUEUED);
        assertThat(RunAdmission.mayStartAfter(ended, List.of(behind, active, ended, sameGroup, head, teamNext)))
                .as("a slot of the namespace's own limit freed too")
                .containsExactly(sameGroup, head, teamNext);
    }

    @Test
    void aQueuedRunAboutToBeSupersededTakesNoPlaceInTheQueue() {
        List<SitRun> runs = List.of(
                run("x", "busy-1", 0, Phase.TESTING),
                run("x", "busy-2", 0, Phase.TESTING),
                grouped(run("a", "pr-1", 1, Phase.QUEUED), "g", null, null),
                grouped(run("a", "pr-2", 2, null), "g", ConcurrencyPolicy.CANCEL_RUNNING, null));
        var pr2 = RunAdmission.decide(runs.get(3), runs, TWO);
        assertThat(pr2.reason()).isEqualTo(RunReason.CONCURRENCY_LIMIT.value());
        assertThat(pr2.position()).isEqualTo(1);
    }

    @Test
    void aSitRunBeingDeletedHoldsNoSlot() {
        SitRun leaving = run("a", "leaving", 1, Phase.TESTING);
        leaving.getMetadata().setDeletionTimestamp(T0.toString());
        List<SitRun> runs = List.of(leaving, run("a", "busy", 2, Phase.TESTING), run("a", "next", 3, Phase.QUEUED));
        assertThat(RunAdmission.decide(runs.get(2), runs, TWO).admitted()).isTrue();
    }

    @Test
    void historyKeepsTheNewestFinishedRunsOfTheGroupBoundedByTheOperator() {
        List<SitRun> runs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            runs.add(grouped(run("a", "pr-" + i, i, i <= 5 ? Phase.SUCCEEDED : Phase.TESTING), "g", null, 2));
        }
        runs.add(grouped(run("a", "unrelated", 0, Phase.FAILED), "h", null, null));
        runs.add(run("a", "ungrouped", 0, Phase.FAILED));
        // The newest run (pr-6, still running) says 2: pr-4 and pr-5 stay.
        assertThat(RunAdmission.beyondHistory(runs.get(5), runs, 10))
                .extracting(r -> r.getMetadata().getName())
                .containsExactly("pr-1", "pr-2", "pr-3");
        // The operator's bound wins over a larger spec value.
        runs.replaceAll(r -> "g".equals(RunAdmission.group(r)) ? grouped(r, "g", null, 100) : r);
        assertThat(RunAdmission.beyondHistory(runs.get(0), runs, 4))
                .extracting(r -> r.getMetadata().getName())
                .containsExactly("pr-1");
        // No spec value: the operator's; 0 there means no operator bound.
        runs.replaceAll(r -> "g".equals(RunAdmission.group(r)) ? grouped(r, "g", null, null) : r);
        assertThat(RunAdmission.beyondHistory(runs.get(0), runs, 3)).hasSize(2);
        assertThat(RunAdmission.beyondHistory(runs.get(0), runs, 0)).isEmpty();
        assertThat(RunAdmission.beyondHistory(runs.get(7), runs, 1))
                .as("no group, no history limit")
                .isEmpty();
    }

    @Test
    void aLongQueueRewritesFarPositionsOnlyWhenTheyFellToAnEighth() {
        SitRunStatus queued = new SitRunStatus();
        queued.setQueuePosition(40);
        assertThat(position(queued, 39)).as("moved by one, far back").isEqualTo(40);
        assertThat(position(queued, 6)).as("not yet an eighth").isEqualTo(40);
        assertThat(position(queued, 5)).as("an eighth").isEqualTo(5);
        assertThat(position(queued, 41)).as("grew").isEqualTo(41);
        queued.setQueuePosition(10);
        assertThat(position(queued, 4)).isEqualTo(10);
        assertThat(position(queued, 3)).as("exact near the head").isEqualTo(3);
        queued.setQueuePosition(3);
        assertThat(position(queued, 2)).isEqualTo(2);
        assertThat(position(null, 950)).as("the first write is exact").isEqualTo(950);
        assertThat(RunQueue.recheckAfter(1, Duration.ofSeconds(15))).hasSeconds(2);
        assertThat(RunQueue.recheckAfter(100, Duration.ofSeconds(15))).hasMillis(11_900);
        assertThat(RunQueue.recheckAfter(150, Duration.ofSeconds(15))).hasSeconds(15);
        assertThat(RunQueue.recheckAfter(500, Duration.ofSeconds(15)))
                .as("far back: 100 ms per run ahead")
                .hasSeconds(50);
        assertThat(RunQueue.recheckAfter(1, Duration.ofSeconds(1))).hasSeconds(1);
    }

    private static int position(SitRunStatus queued, int real) {
        return RunQueue.shownPosition(queued, new RunAdmission.Decision(false, "r", "m", real));
    }
}
