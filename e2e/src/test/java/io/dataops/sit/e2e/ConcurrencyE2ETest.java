package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.OperatorProcess;
import io.dataops.sit.e2e.support.Repo;
import io.dataops.sit.e2e.support.RunnerStandIn;
import io.dataops.sit.e2e.support.SitRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many runs at once on the real API server (KWOK nodes, the runner played by {@link RunnerStandIn}), with the operator
 * restarted under an admin's concurrency settings: a limit of 2 with 5 SitRuns, the queue's positions and order also
 * across an operator kill; a newer run of a group superseding one still building, or waiting behind it; the history limit
 * of a group; the GitOps chart rendered by helm, a new push replacing its active run; a run namespace orphaned by a
 * hand-stripped finalizer swept after the grace period.
 */
@ExtendWith(E2EExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyE2ETest {

    static final String NS = "e2e-concurrency";
    static final Set<String> ACTIVE = Set.of("Pending", "Provisioning", "Seeding", "Testing");
    static final Set<String> ENDED = Set.of("Succeeded", "Failed", "Error", "Cancelled");

    static Kubectl kubectl;
    static KubernetesClient client;
    static SitRuns sitRuns;
    static OperatorProcess operator;

    @BeforeAll
    static void limitedOperator(E2EEnvironment env) {
        kubectl = env.kubectl();
        client = env.client();
        sitRuns = new SitRuns(kubectl);
        operator = env.operator();
        sitRuns.createNamespace(NS);
        operator.restartWith(
                Map.of("sit.concurrency.max-active", "2", "sit.sweep.grace", "5s", "sit.sweep.interval", "2s"));
    }

    @AfterAll
    static void defaultOperator() {
        if (operator != null) {
            kubectl.run("delete", "sitruns", "--all", "-n", NS, "--wait=false");
            operator.restartWith(Map.of());
        }
    }

    @Test
    @Order(1)
    void aLimitOfTwoQueuesTheRestInOrderAcrossAnOperatorKill() throws Exception {
        List<String> names =
                IntStream.rangeClosed(1, 5).mapToObj(i -> "queued-" + i).toList();
        Map<String, List<Integer>> positions = new ConcurrentHashMap<>();
        AtomicInteger mostActive = new AtomicInteger();
        List<String> admissionOrder = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> sample(names, positions, mostActive, admissionOrder), 0, 200, TimeUnit.MILLISECONDS);
        try {
            for (String name : names) {
                sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {}));
            }
            await("2 active and 3 queued")
                    .until(() -> count(names, ACTIVE) == 2 && count(names, Set.of("Queued")) == 3);
            assertThat(status("queued-3").getQueuePosition()).isEqualTo(1);
            assertThat(status("queued-4").getQueuePosition()).isEqualTo(2);
            assertThat(status("queued-5").getQueuePosition()).isEqualTo(3);
            assertThat(status("queued-5").getReason()).isEqualTo("ConcurrencyLimit");
            assertThat(status("queued-5").getStartTime())
                    .as("queued time counts toward no timeout")
                    .isNull();

            // Killed with three runs waiting: the queue is the SitRuns themselves, its order survives.
            operator.kill();
            operator.start();

            finishAllWhenTesting(names);
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        assertThat(mostActive.get()).as("active runs at any sampled moment").isLessThanOrEqualTo(2);
        assertThat(admissionOrder)
                .as("runs left the queue in order")
                .containsSubsequence("queued-3", "queued-4", "queued-5");
        for (String name : List.of("queued-3", "queued-4", "queued-5")) {
            List<Integer> seen = positions.getOrDefault(name, List.of());
            assertThat(seen).as(name + " positions").isNotEmpty().isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        }
        // Every run finished. Under KWOK a runner Job's pod completes at once, so a run may end Error (NoResult) before
        // the stand-in's result lands: the queue is what is tested here, not the outcome.
        assertThat(names).allSatisfy(name -> assertThat(ENDED).contains(phase(name)));
        kubectl.ok("delete", "sitruns", "-n", NS, "--all", "--timeout=180s");
    }

    @Test
    @Order(2)
    void aNewerRunOfTheGroupSupersedesTheOneStillBuilding() {
        String older = "pr-42-a";
        String newer = "pr-42-b";
        // Its pods ask for a node label no node has: they stay Pending, so the run is surely still building when the
        // newer one arrives (under KWOK a seed Job or runner Job completes at once; RealNodeSupersessionE2ETest
        // supersedes a run mid-Seeding in real pods).
        sitRuns.applyFresh(NS, older, Examples.variant("minimal-sitrun.yaml", older, spec -> {
            spec.putObject("concurrency").put("group", "minimal-pr-42").put("policy", "CancelRunning");
            spec.putObject("placement").putObject("nodeSelector").put("e2e.sit.dataops.io/no-such-node", "true");
        }));
        await(older + " building").until(() -> ACTIVE.contains(phase(older)));
        sitRuns.applyFresh(
                NS,
                newer,
                Examples.variant(
                        "minimal-sitrun.yaml",
                        newer,
                        spec -> spec.putObject("concurrency")
                                .put("group", "minimal-pr-42")
                                .put("policy", "CancelRunning")));

        await(older + " cancelled").until(() -> "Cancelled".equals(phase(older)));
        assertThat(status(older).getReason()).isEqualTo("Superseded");
        assertThat(status(older).getMessage()).contains(newer);
        assertThat(status(older).getReport())
                .as("a cancelled run still has its report")
                .isNotNull();
        // Started (under KWOK it may already have ended Error: its runner Job completes at once, with no result).
        await(newer + " started").until(() -> ACTIVE.contains(phase(newer)) || ENDED.contains(phase(newer)));
        kubectl.ok("delete", "sitruns", "-n", NS, "--all", "--timeout=180s");
    }

    @Test
    @Order(3)
    void withPolicyQueueTheNewerRunWaitsForTheOlder() {
        String older = "pr-43-a";
        String newer = "pr-43-b";
        // The older run's pods stay Pending (no node has the label) until its 20 s provisioning limit ends it: it is
        // surely active when the newer one arrives, and it ends on its own (under KWOK a runner Job completes at once,
        // so a run in Testing may end before a test could queue another behind it).
        sitRuns.applyFresh(NS, older, Examples.variant("minimal-sitrun.yaml", older, spec -> {
            spec.putObject("concurrency").put("group", "minimal-pr-43");
            spec.putObject("placement").putObject("nodeSelector").put("e2e.sit.dataops.io/no-such-node", "true");
            spec.putObject("phaseTimeouts").put("provisioning", "20s");
        }));
        await(older + " building").until(() -> ACTIVE.contains(phase(older)));
        sitRuns.applyFresh(
                NS,
                newer,
                Examples.variant(
                        "minimal-sitrun.yaml",
                        newer,
                        spec -> spec.putObject("concurrency").put("group", "minimal-pr-43")));

        await(newer + " queued behind its group").until(() -> "Queued".equals(phase(newer)));
        assertThat(status(newer).getReason()).isEqualTo("WaitingForGroup");
        assertThat(ACTIVE).as("the older run is still active").contains(phase(older));
        await(newer + " admitted").until(() -> !"Queued".equals(phase(newer)));
        assertThat(phase(older)).isEqualTo("Error");
        assertThat(status(older).getReason()).isEqualTo("Timeout");
        assertThat(Instant.parse(status(newer).getStartTime()))
                .as("admitted once the older run ended")
                .isAfterOrEqualTo(Instant.parse(status(older).getCompletionTime()));
        kubectl.ok("delete", "sitruns", "-n", NS, "--all", "--timeout=180s");
    }

    @Test
    @Order(4)
    void theHistoryLimitKeepsTheNewestFinishedRunsOfAGroup() {
        List<String> names = List.of("hist-1", "hist-2", "hist-3");
        for (String name : names) {
            sitRuns.applyFresh(
                    NS,
                    name,
                    Examples.variant(
                            "minimal-sitrun.yaml",
                            name,
                            spec -> spec.putObject("concurrency")
                                    .put("group", "hist")
                                    .put("historyLimit", 2)));
            finishWhenTesting(name);
        }
        await("hist-1 deleted by the history limit").until(() -> sitRun("hist-1") == null);
        assertThat(sitRun("hist-2")).isNotNull();
        assertThat(sitRun("hist-3")).isNotNull();
        kubectl.ok("delete", "sitruns", "-n", NS, "--all", "--timeout=180s");
    }

    /**
     * The Argo CD example as Argo CD renders it (the pinned helm, the two values an ApplicationSet passes per PR): a new
     * push changes the SitRun's rerunToken while the previous push's run is still active, and the run is replaced in
     * place: a fresh namespace for the new head SHA, the old one deleted.
     */
    @Test
    @Order(5)
    void aNewPushToAPullRequestReplacesItsActiveRunInPlace() {
        String first = "1111111111111111111111111111111111111111";
        String second = "2222222222222222222222222222222222222222";
        kubectl.apply(NS, renderGitOpsChart("42", first));
        String name = "orders-pr-42";
        await(name + " active").until(() -> ACTIVE.contains(phase(name)));
        assertThat(sitRun(name).getSpec().getConcurrency().getGroup()).isEqualTo("orders-pr-42");
        String firstNamespace = status(name).getNamespace();
        await(firstNamespace + " built")
                .until(() -> client.namespaces().withName(firstNamespace).get() != null);

        kubectl.apply(NS, renderGitOpsChart("42", second));

        await(name + " re-running for " + second)
                .until(() -> second.equals(status(name).getRerunToken())
                        && status(name).getNamespace() != null
                        && !firstNamespace.equals(status(name).getNamespace()));
        await(firstNamespace + " deleted").until(() -> {
            var old = client.namespaces().withName(firstNamespace).get();
            return old == null || old.getMetadata().getDeletionTimestamp() != null;
        });
        await(name + " building again").until(() -> ACTIVE.contains(phase(name)));
        kubectl.ok("delete", "sitruns", "-n", NS, "--all", "--timeout=180s");
    }

    static String renderGitOpsChart(String pullRequest, String headSha) {
        return Command.run(
                        Map.of(
                                "HELM_CACHE_HOME",
                                Repo.path("e2e/target/helm-home/cache").toString(),
                                "HELM_CONFIG_HOME",
                                Repo.path("e2e/target/helm-home/config").toString(),
                                "HELM_DATA_HOME",
                                Repo.path("e2e/target/helm-home/data").toString()),
                        Duration.ofMinutes(2),
                        null,
                        List.of(
                                HelmChartE2ETest.locateHelm().toString(),
                                "template",
                                "pr-" + pullRequest,
                                Repo.path("examples/gitops/sitrun-chart").toString(),
                                "--set",
                                "pullRequest=" + pullRequest,
                                "--set",
                                "headSha=" + headSha))
                .orFail()
                .stdout();
    }

    @Test
    @Order(6)
    void aRunNamespaceWhoseSitRunVanishedIsSweptAfterTheGrace() {
        String name = "orphaned";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {}));
        await(name + " has its namespace")
                .until(() -> status(name) != null
                        && status(name).getNamespace() != null
                        && client.namespaces()
                                        .withName(status(name).getNamespace())
                                        .get()
                                != null);
        String runNs = status(name).getNamespace();
        // By hand, as someone unsticking a deletion: the finalizer goes, the operator never sees the delete.
        kubectl.ok("patch", "sitrun", name, "-n", NS, "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--timeout=60s");

        await(runNs + " swept").atMost(Duration.ofMinutes(2)).until(() -> {
            var namespace = client.namespaces().withName(runNs).get();
            return namespace == null || namespace.getMetadata().getDeletionTimestamp() != null;
        });
        assertThat(client.namespaces().withLabel(Labels.RUN, name).list().getItems())
                .allSatisfy(
                        n -> assertThat(n.getMetadata().getDeletionTimestamp()).isNotNull());
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static void sample(
            List<String> names,
            Map<String, List<Integer>> positions,
            AtomicInteger mostActive,
            List<String> admissionOrder) {
        try {
            int active = 0;
            for (SitRun run :
                    client.resources(SitRun.class).inNamespace(NS).list().getItems()) {
                String name = run.getMetadata().getName();
                SitRunStatus status = run.getStatus();
                if (!names.contains(name) || status == null || status.getPhase() == null) {
                    continue;
                }
                if (status.getPhase() == Phase.QUEUED && status.getQueuePosition() != null) {
                    positions
                            .computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()))
                            .add(status.getQueuePosition());
                }
                if (ACTIVE.contains(status.getPhase().value())) {
                    active++;
                    if (!admissionOrder.contains(name)) {
                        admissionOrder.add(name);
                    }
                }
            }
            mostActive.accumulateAndGet(active, Math::max);
        } catch (RuntimeException e) {
            // the API server briefly unreachable: the next sample counts
        }
    }

    /**
     * Plays the runner for several runs at once: each gets its passing result as soon as it is seen in Testing, in
     * whatever order they get there. One at a time raced KWOK: while the stand-in waited for the first run to end, the
     * second run's runner Job completed on its fake node without a result (NoResult) and never showed Testing again.
     */
    private static void finishAllWhenTesting(List<String> names) {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        // one deadline for all of them: a wave of two runs at a time, each given what one run got before
        await("every run answered in Testing and ended")
                .atMost(Duration.ofMinutes(2).multipliedBy(names.size()))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    for (String name : names) {
                        if (!answered.contains(name) && "Testing".equals(phase(name))) {
                            RunnerStandIn.writeResult(client, status(name).getNamespace(), RunnerStandIn.passing());
                            answered.add(name);
                        }
                    }
                    return names.stream().allMatch(name -> ENDED.contains(phase(name)));
                });
    }

    /** Plays the runner (KWOK runs no pod): once the run is Testing, its passing result; then waits for the end. */
    private static void finishWhenTesting(String name) {
        await(name + " in Testing").until(() -> "Testing".equals(phase(name)));
        RunnerStandIn.writeResult(client, status(name).getNamespace(), RunnerStandIn.passing());
        await(name + " ended").until(() -> ENDED.contains(phase(name)));
    }

    private static long count(List<String> names, Set<String> phases) {
        return names.stream()
                .map(ConcurrencyE2ETest::phase)
                .filter(phases::contains)
                .count();
    }

    private static SitRun sitRun(String name) {
        return client.resources(SitRun.class).inNamespace(NS).withName(name).get();
    }

    private static SitRunStatus status(String name) {
        SitRun run = sitRun(name);
        return run == null ? null : run.getStatus();
    }

    private static String phase(String name) {
        SitRunStatus status = status(name);
        return status == null || status.getPhase() == null
                ? ""
                : status.getPhase().value();
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .conditionEvaluationListener(c -> {});
    }
}
