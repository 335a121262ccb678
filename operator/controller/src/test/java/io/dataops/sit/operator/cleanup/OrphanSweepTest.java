package io.dataops.sit.operator.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.MutableClock;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.metrics.RunMetrics;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The orphan sweep against the fabric8 mock API server (CRUD), with a clock the test moves. */
@EnableKubernetesMockClient(crud = true)
class OrphanSweepTest {

    static final OperatorSettings.Sweep SETTINGS =
            new OperatorSettings.Sweep(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(10));

    KubernetesClient client;
    KubernetesMockServer server;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MutableClock clock = new MutableClock(Instant.now());
    OrphanSweep sweep;

    @BeforeEach
    void sweepWithAClockTheTestMoves() {
        sweep = new OrphanSweep(client, registry, new RunMetrics(registry), null, SETTINGS, "sit-system", clock);
    }

    @Test
    void anOrphanIsCountedInsideTheGraceThenDeletedAfterItsKafkaTopicsLostTheirFinalizers() throws Exception {
        String orphan = runNamespace(sitRun("team-a", "gone", "uid-gone"));
        topic(orphan, "orders", List.of("strimzi.io/topic-operator"), true);
        topic(orphan, "foreign", List.of("example.com/keep"), false);

        assertThat(sweep.sweep()).isEqualTo(new OrphanSweep.Result(1, 0, 0));
        assertThat(gauge("sit.orphan.namespaces")).isEqualTo(1);
        Namespace marked = client.namespaces().withName(orphan).get();
        assertThat(marked.getMetadata().getAnnotations()).containsKey(OrphanSweep.ORPHANED_SINCE);
        assertThat(topicFinalizers(orphan, "orders")).containsExactly("strimzi.io/topic-operator");

        clock.advance(Duration.ofMinutes(9));
        assertThat(sweep.sweep()).as("still inside the grace").isEqualTo(new OrphanSweep.Result(1, 0, 0));
        assertThat(client.namespaces().withName(orphan).get()).isNotNull();

        clock.advance(Duration.ofMinutes(2));
        drainRequests();
        assertThat(sweep.sweep()).isEqualTo(new OrphanSweep.Result(0, 1, 0));
        assertThat(client.namespaces().withName(orphan).get()).isNull();
        assertThat(topicFinalizers(orphan, "orders"))
                .as("the operator's topic is freed")
                .isEmpty();
        assertThat(topicFinalizers(orphan, "foreign"))
                .as("what the operator did not create is not touched")
                .containsExactly("example.com/keep");
        List<String> writes = drainRequests().stream()
                .filter(r -> !"GET".equals(r.getMethod()))
                .map(r -> r.getMethod() + " " + r.getPath())
                .toList();
        assertThat(writes)
                .containsExactly(
                        "PATCH /apis/kafka.strimzi.io/" + HasMetadata.getVersion(KafkaTopic.class) + "/namespaces/"
                                + orphan + "/kafkatopics/orders",
                        "DELETE /api/v1/namespaces/" + orphan);
        assertThat(registry.get("sit.orphans.swept").counter().count()).isEqualTo(1);
        assertThat(gauge("sit.orphan.namespaces")).isZero();
    }

    /** E.g. the admission policy or a webhook refusing it: counted as a cleanup failure, tried again next sweep. */
    @Test
    void aRefusedDeletionIsACleanupFailureAndTheNextSweepTriesAgain() {
        String orphan = runNamespace(sitRun("team-a", "refused", "uid-refused"));
        sweep.sweep();
        clock.advance(Duration.ofMinutes(11));
        server.expect()
                .delete()
                .withPath("/api/v1/namespaces/" + orphan)
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage("denied by policy")
                                .build())
                .once();

        assertThat(sweep.sweep().swept()).isZero();
        assertThat(registry.get("sit.cleanup.failures").counter().count()).isEqualTo(1);
        assertThat(client.namespaces().withName(orphan).get()).isNotNull();

        assertThat(sweep.sweep().swept()).isOne();
        assertThat(client.namespaces().withName(orphan).get()).isNull();
        assertThat(registry.get("sit.cleanup.failures").counter().count()).isEqualTo(1);
    }

    @Test
    void theGraceSurvivesARestartOfTheOperator() {
        String orphan = runNamespace(sitRun("team-a", "gone", "uid-restart"));
        sweep.sweep();
        clock.advance(Duration.ofMinutes(11));
        OrphanSweep afterRestart = new OrphanSweep(
                client,
                new SimpleMeterRegistry(),
                new RunMetrics(new SimpleMeterRegistry()),
                null,
                SETTINGS,
                "sit-system",
                clock);
        assertThat(afterRestart.sweep().swept())
                .as("the mark on the namespace, not memory, dates the orphan")
                .isOne();
        assertThat(client.namespaces().withName(orphan).get()).isNull();
    }

    @Test
    void namespacesOfExistingSitRunsAreLeftAlone() {
        SitRun live = client.resource(sitRun("team-b", "live", null)).create();
        String claimed = runNamespace(live);
        // A re-run: status still names the previous namespace, which the reconciler deletes itself.
        SitRun rerun = client.resource(sitRun("team-b", "rerun", null)).create();
        String previous = runNamespace(sitRun("team-b", "rerun", "uid-before-rerun"));
        rerun.setStatus(new SitRunStatus());
        rerun.getStatus().setNamespace(previous);
        client.resource(rerun).updateStatus();
        // Same name, other uid: the SitRun was deleted and recreated; its old namespace is an orphan.
        String recreated = runNamespace(sitRun("team-b", "live", "uid-of-the-deleted-one"));
        // Not a run namespace (no sit- name shape): never considered.
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("team-b-tools")
                        .withLabels(Map.of(
                                Labels.MANAGED_BY,
                                Labels.MANAGED_BY_VALUE,
                                Labels.COMPONENT,
                                Constants.COMPONENT_NAMESPACE,
                                Labels.PART_OF,
                                "team-b-tools"))
                        .endMetadata()
                        .build())
                .create();

        clock.advance(Duration.ofHours(1));
        sweep.sweep();
        clock.advance(Duration.ofHours(1));
        OrphanSweep.Result result = sweep.sweep();

        assertThat(result.swept()).isOne();
        assertThat(client.namespaces().withName(recreated).get()).isNull();
        for (String kept : List.of(claimed, previous, "team-b-tools")) {
            Namespace namespace = client.namespaces().withName(kept).get();
            assertThat(namespace).as(kept).isNotNull();
            assertThat(namespace.getMetadata().getAnnotations()).as(kept).doesNotContainKey(OrphanSweep.ORPHANED_SINCE);
        }
    }

    @Test
    void aRunNamespaceStuckInTerminatingGetsOneWarningEventAndIsCounted() {
        SitRun live = client.resource(sitRun("team-c", "stuck", null)).create();
        String stuck = runNamespace(live);
        String orphanStuck = runNamespace(sitRun("team-c", "gone", "uid-gone-stuck"));
        topic(orphanStuck, "orders", List.of("strimzi.io/topic-operator"), true);
        for (String name : List.of(stuck, orphanStuck)) {
            // A finalizer keeps the mock server's namespace in Terminating, as Strimzi's topics keep a real one.
            client.namespaces().withName(name).edit(ns -> {
                ns.getMetadata().setFinalizers(List.of("example.com/hold"));
                return ns;
            });
            client.namespaces().withName(name).delete();
        }
        assertThat(client.namespaces().withName(stuck).get().getMetadata().getDeletionTimestamp())
                .isNotNull();

        assertThat(sweep.sweep().stuckTerminating()).as("not stuck yet").isZero();
        assertThat(topicFinalizers(orphanStuck, "orders"))
                .as("an unclaimed namespace being deleted is freed at once")
                .isEmpty();

        clock.advance(Duration.ofMinutes(11));
        assertThat(sweep.sweep()).isEqualTo(new OrphanSweep.Result(0, 0, 2));
        sweep.sweep();
        assertThat(gauge("sit.namespaces.stuck.terminating")).isEqualTo(2);
        List<Event> events =
                client.v1().events().inNamespace("sit-system").list().getItems();
        assertThat(events)
                .as("one per namespace, however many sweeps")
                .hasSize(2)
                .allSatisfy(event -> {
                    assertThat(event.getType()).isEqualTo("Warning");
                    assertThat(event.getReason()).isEqualTo(OrphanSweep.EVENT_STUCK_TERMINATING);
                    assertThat(event.getInvolvedObject().getKind()).isEqualTo("Namespace");
                });
        assertThat(events)
                .extracting(e -> e.getInvolvedObject().getName())
                .containsExactlyInAnyOrder(stuck, orphanStuck);
        assertThat(client.resources(SitRun.class)
                        .inNamespace("team-c")
                        .withName("stuck")
                        .get())
                .as("the live run is not touched")
                .isNotNull();
    }

    /** A SitRun as the API server would return it (uid set: the run namespace's name hashes it). */
    static SitRun sitRun(String namespace, String name, String uid) {
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withNamespace(namespace)
                .withName(name)
                .withUid(uid)
                .build());
        run.setSpec(new SitRunSpec());
        return run;
    }

    /** The namespace the operator would have created for the run (labels as RunNamespaceDependent writes them). */
    String runNamespace(SitRun run) {
        String name = RunNames.namespace(run);
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(RunNames.labels(run, Constants.COMPONENT_NAMESPACE))
                        .endMetadata()
                        .build())
                .create();
        return name;
    }

    void topic(String namespace, String name, List<String> finalizers, boolean operatorsOwn) {
        var labels = operatorsOwn ? Map.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE) : Map.<String, String>of();
        client.resource(new KafkaTopicBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(name)
                        .withFinalizers(finalizers)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withPartitions(1)
                        .endSpec()
                        .build())
                .create();
    }

    List<String> topicFinalizers(String namespace, String name) {
        var finalizers = client.resources(KafkaTopic.class)
                .inNamespace(namespace)
                .withName(name)
                .get()
                .getMetadata()
                .getFinalizers();
        return finalizers == null ? List.of() : finalizers;
    }

    double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    List<RecordedRequest> drainRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }
}
