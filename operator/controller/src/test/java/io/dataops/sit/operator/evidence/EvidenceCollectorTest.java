package io.dataops.sit.operator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.dependents.postgres.PostgresSecretDependent;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EvidenceCollectorTest {

    static final String RUN_NS = "sit-orders-abc12";
    static final String MARKER = "MARKER-db-password-7731";

    KubernetesClient client;
    /** Log reads run in parallel (EvidenceCollector#readLogs): the order they are asked in is not fixed. */
    final List<String> logRequests = Collections.synchronizedList(new ArrayList<>());

    /** Every container logs a line quoting the database password, as a careless system would. */
    final LogSource logs = (pod, container, previous, tailLines, limitBytes) -> {
        logRequests.add(pod + "/" + container + (previous ? " previous" : ""));
        String text =
                (previous ? "before the restart " : "") + container + " connecting with password " + MARKER + "\n";
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    };

    SitRun run;

    @BeforeEach
    void runNamespace() {
        run = TestRuns.run("orders");
        run.getSpec().setDatabases(List.of(TestRuns.database("db")));
        client.secrets()
                .inNamespace(RUN_NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(PostgresSecretDependent.getName("db"))
                        .endMetadata()
                        .addToData(
                                "password", Base64.getEncoder().encodeToString(MARKER.getBytes(StandardCharsets.UTF_8)))
                        .addToData(
                                "database",
                                Base64.getEncoder().encodeToString("orders-db".getBytes(StandardCharsets.UTF_8)))
                        .addToData(
                                "host",
                                Base64.getEncoder()
                                        .encodeToString(
                                                "db-postgres.sit-orders-abc12.svc".getBytes(StandardCharsets.UTF_8)))
                        .build())
                .create();
        client.pods()
                .inNamespace(RUN_NS)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("sit-runner-x1")
                        .endMetadata()
                        .withNewSpec()
                        .withNodeName("node-1")
                        .addNewInitContainer()
                        .withName("wait")
                        .withImage("busybox")
                        .endInitContainer()
                        .addNewContainer()
                        .withName("runner")
                        .withImage("runner")
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewInitContainerStatus()
                        .withName("wait")
                        .withRestartCount(0)
                        .withNewState()
                        .withNewTerminated()
                        .withReason("Completed")
                        .withExitCode(0)
                        .endTerminated()
                        .endState()
                        .endInitContainerStatus()
                        .addNewContainerStatus()
                        .withName("runner")
                        .withRestartCount(2)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt("2026-12-01T10:00:00Z")
                        .endRunning()
                        .endState()
                        .withNewLastState()
                        .withNewTerminated()
                        .withReason("Error")
                        .withExitCode(2)
                        .endTerminated()
                        .endLastState()
                        .endContainerStatus()
                        .endStatus()
                        .build())
                .create();
        client.batch()
                .v1()
                .jobs()
                .inNamespace(RUN_NS)
                .resource(new JobBuilder()
                        .withNewMetadata()
                        .withName("sit-runner")
                        .endMetadata()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("runner")
                        .withImage("runner")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .withNewStatus()
                        .withActive(1)
                        .endStatus()
                        .build())
                .create();
        event("late", "2026-12-01T10:05:00Z", "Warning", "BackOff", "Back-off restarting failed container");
        event("early", "2026-12-01T10:01:00Z", "Normal", "Pulled", "Pulled image with " + MARKER);
    }

    void event(String name, String time, String type, String reason, String message) {
        client.v1()
                .events()
                .inNamespace(RUN_NS)
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withType(type)
                        .withReason(reason)
                        .withMessage(message)
                        .withLastTimestamp(time)
                        .withCount(3)
                        .withNewInvolvedObject()
                        .withKind("Pod")
                        .withName("sit-runner-x1")
                        .endInvolvedObject()
                        .build())
                .create();
    }

    Map<String, String> files(EvidenceBundle bundle) {
        return bundle.files().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new String(e.getValue(), StandardCharsets.UTF_8)));
    }

    @Test
    void collectsEventsPodsJobsAndEveryContainersLogsWithSecretValuesRedacted() {
        EvidenceBundle bundle = new EvidenceCollector(client, logs, 4096).collect(run, RUN_NS);
        Map<String, String> files = files(bundle);

        assertThat(files)
                .containsKeys(
                        "events.txt",
                        "pods.txt",
                        "jobs.txt",
                        "logs/sit-runner-x1/wait.log",
                        "logs/sit-runner-x1/runner.log",
                        "logs/sit-runner-x1/runner.previous.log");
        assertThat(files).doesNotContainKey("logs/sit-runner-x1/wait.previous.log");
        assertThat(logRequests)
                .containsExactlyInAnyOrder(
                        "sit-runner-x1/wait", "sit-runner-x1/runner", "sit-runner-x1/runner previous");
        String events = files.get("events.txt");
        assertThat(events.indexOf("Pulled")).as("sorted by time").isLessThan(events.indexOf("BackOff"));
        assertThat(events).contains("2026-12-01T10:05:00Z Warning BackOff Pod/sit-runner-x1 x3: Back-off restarting");
        assertThat(files.get("pods.txt"))
                .contains(
                        "pod sit-runner-x1: phase=Running node=node-1",
                        "init container wait: terminated reason=Completed exitCode=0 restarts=0",
                        "container runner: running since 2026-12-01T10:00:00Z restarts=2 last: reason=Error exitCode=2");
        assertThat(files.get("jobs.txt")).contains("job sit-runner: active=1 succeeded=0 failed=0");
        assertThat(files.get("logs/sit-runner-x1/runner.previous.log")).startsWith("before the restart");
        assertThat(files.values()).allSatisfy(text -> assertThat(text).doesNotContain(MARKER));
        assertThat(files.get("logs/sit-runner-x1/runner.log")).contains("password [redacted]");
        assertThat(bundle.pack(900 * 1024).manifest())
                .doesNotContain(MARKER)
                .contains("data/: no data evidence: there is no sit-reports ConfigMap");
    }

    @Test
    void theRunnersDataEvidenceIsUnpackedUnderDataAndItsAbsenceExplained() {
        client.configMaps()
                .inNamespace(RUN_NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(RunContract.REPORTS_CONFIGMAP)
                        .endMetadata()
                        .build())
                .create();
        var withoutData = new EvidenceCollector(client, logs, 4096)
                .collect(run, RUN_NS)
                .pack(900 * 1024)
                .manifest();
        assertThat(withoutData).contains("data/: no data evidence: the runner did not finish");

        byte[] data = new EvidenceBundle()
                .add("kafka/main/orders.json", "{\"endOffsets\": {\"0\": 4}}")
                .pack(RunContract.MAX_DATA_EVIDENCE_BYTES)
                .tarGz();
        client.configMaps()
                .inNamespace(RUN_NS)
                .withName(RunContract.REPORTS_CONFIGMAP)
                .edit(cm -> {
                    cm.setBinaryData(Map.of(
                            RunContract.DATA_EVIDENCE_KEY, Base64.getEncoder().encodeToString(data)));
                    return cm;
                });
        var files = files(new EvidenceCollector(client, logs, 4096).collect(run, RUN_NS));
        assertThat(files).containsEntry("data/kafka/main/orders.json", "{\"endOffsets\": {\"0\": 4}}");
    }

    @Test
    void aLogThatCannotBeReadBecomesANote() {
        LogSource failing = (pod, container, previous, tailLines, limitBytes) -> {
            throw new IllegalStateException("container \"runner\" in pod is waiting to start: ContainerCreating");
        };
        String manifest = new EvidenceCollector(client, failing, 4096)
                .collect(run, RUN_NS)
                .pack(900 * 1024)
                .manifest();
        assertThat(manifest)
                .contains("logs/sit-runner-x1/runner.log: not captured: container \"runner\" in pod is waiting");
    }

    /** Seen on a loaded real node: the API server connection closed under one log read; the second read gets it. */
    @Test
    void aReadThatFailsOnceIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        LogSource flaky = (pod, container, previous, tailLines, limitBytes) -> {
            if (calls.incrementAndGet() == 1) {
                throw new KubernetesClientException("Connection was closed");
            }
            return logs.open(pod, container, previous, tailLines, limitBytes);
        };
        var bundle = new EvidenceCollector(client, flaky, 4096).collect(run, RUN_NS);
        assertThat(files(bundle)).containsKey("logs/sit-runner-x1/wait.log");
        assertThat(bundle.pack(900 * 1024).manifest()).doesNotContain("not captured");
    }

    /** Seen on the real node: the database name in the database Secret blanked out every path that named it. */
    @Test
    void aDatabaseSecretsNameHostAndUserStayReadableOnlyItsPasswordIsRedacted() {
        List<String> notes = new ArrayList<>();
        SecretScrubber scrubber = SecretScrubber.forRun(client, run, RUN_NS, notes);

        String scrubbed =
                scrubber.scrub("logs/orders-db-postgres-0 at db-postgres.sit-orders-abc12.svc with " + MARKER);

        assertThat(scrubbed)
                .contains("logs/orders-db-postgres-0", "db-postgres.sit-orders-abc12.svc")
                .doesNotContain(MARKER)
                .contains(SecretScrubber.REDACTED);
        assertThat(notes).isEmpty();
    }

    /** Seen on KWOK nodes (and any node that does not answer): a log read that never returns cost the reconcile thread. */
    @Test
    void aLogReadThatNeverAnswersIsGivenUpAtTheDeadline() {
        LogSource silent = (pod, container, previous, tailLines, limitBytes) -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        };
        long started = System.nanoTime();
        var bundle = new EvidenceCollector(client, silent, 4096, Duration.ofMillis(500)).collect(run, RUN_NS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(bundle.pack(900 * 1024).manifest())
                .contains("logs/sit-runner-x1/runner.log: not captured: no answer within");
        assertThat(files(bundle)).containsKey("pods.txt");
    }
}
