package io.dataops.sit.operator.evidence;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gathers an ended run's evidence from its namespace, before anything is stopped or deleted: events, pod and Job
 * summaries, every container's log tail (init containers and previous instances included) and the runner's data
 * evidence from sit-reports. Nothing here fails: what cannot be read becomes a note in the manifest. Every file and
 * note is scrubbed of the run's Secret values before it leaves this class.
 */
public final class EvidenceCollector {

    private final KubernetesClient client;
    private final LogSource logs;
    private final int logBytesPerContainer;
    private final Duration logDeadline;

    /** All of a run's container logs are read within this long (in parallel). */
    public static final Duration LOG_DEADLINE = Duration.ofSeconds(10);

    public EvidenceCollector(KubernetesClient client, LogSource logs, int logBytesPerContainer) {
        this(client, logs, logBytesPerContainer, LOG_DEADLINE);
    }

    EvidenceCollector(KubernetesClient client, LogSource logs, int logBytesPerContainer, Duration logDeadline) {
        this.client = client;
        this.logs = logs;
        this.logBytesPerContainer = logBytesPerContainer;
        this.logDeadline = logDeadline;
    }

    public EvidenceBundle collect(SitRun run, String runNamespace) {
        List<String> notes = new ArrayList<>();
        SecretScrubber scrubber = scrubber(run, runNamespace, notes);
        EvidenceBundle raw = new EvidenceBundle();
        section(notes, "events.txt", () -> raw.add("events.txt", events(runNamespace)));
        List<Pod> pods = new ArrayList<>();
        section(notes, "pods.txt", () -> {
            pods.addAll(client.pods().inNamespace(runNamespace).list().getItems());
            pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
            raw.add("pods.txt", pods(pods));
        });
        section(notes, "jobs.txt", () -> raw.add("jobs.txt", jobs(runNamespace)));
        List<LogRead> reads = new ArrayList<>();
        for (Pod pod : pods) {
            reads.addAll(logReads(pod));
        }
        readLogs(reads, raw, notes);
        section(notes, "data/", () -> dataEvidence(runNamespace, raw, notes));

        EvidenceBundle scrubbed = new EvidenceBundle();
        raw.files().forEach((path, content) -> scrubbed.add(path, scrubber.scrub(content)));
        notes.forEach(note -> scrubbed.note(Redaction.truncate(scrubber.scrub(note), 1024)));
        return scrubbed;
    }

    SecretScrubber scrubber(SitRun run, String runNamespace, List<String> notes) {
        return SecretScrubber.forRun(client, run, runNamespace, notes);
    }

    private interface Section {
        void run() throws Exception;
    }

    /** Reads are retried once: on a loaded node the API server connection was seen closed under a read. */
    static final int ATTEMPTS = 2;

    private static void section(List<String> notes, String what, Section section) {
        for (int attempt = 1; ; attempt++) {
            try {
                section.run();
                return;
            } catch (Exception e) {
                if (attempt >= ATTEMPTS) {
                    notes.add(what + ": not captured: "
                            + Redaction.safe(Redaction.firstLine(String.valueOf(e.getMessage()))));
                    return;
                }
            }
        }
    }

    String events(String namespace) {
        List<Event> events = new ArrayList<>(
                client.v1().events().inNamespace(namespace).list().getItems());
        Function<Event, String> time = EvidenceCollector::lastSeen;
        events.sort(Comparator.comparing(time, Comparator.nullsFirst(Comparator.naturalOrder())));
        StringBuilder out = new StringBuilder("# last seen, type, reason, object, count, message\n");
        for (Event e : events) {
            var object = e.getInvolvedObject();
            out.append(Objects.toString(lastSeen(e), "-"))
                    .append(' ')
                    .append(Objects.toString(e.getType(), "-"))
                    .append(' ')
                    .append(Objects.toString(e.getReason(), "-"))
                    .append(' ')
                    .append(object == null ? "-" : object.getKind() + "/" + object.getName())
                    .append(' ')
                    .append('x')
                    .append(e.getCount() == null ? 1 : e.getCount())
                    .append(": ")
                    .append(Objects.toString(e.getMessage(), "").replace('\n', ' '))
                    .append('\n');
        }
        return out.toString();
    }

    private static String lastSeen(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        if (e.getFirstTimestamp() != null) {
            return e.getFirstTimestamp();
        }
        return e.getMetadata() == null ? null : e.getMetadata().getCreationTimestamp();
    }

    static String pods(List<Pod> pods) {
        StringBuilder out = new StringBuilder();
        for (Pod pod : pods) {
            var status = pod.getStatus();
            out.append("pod ")
                    .append(pod.getMetadata().getName())
                    .append(": phase=")
                    .append(status == null ? "-" : status.getPhase())
                    .append(" node=")
                    .append(
                            pod.getSpec() == null
                                    ? "-"
                                    : Objects.toString(pod.getSpec().getNodeName(), "-"));
            if (status != null && status.getReason() != null) {
                out.append(" reason=").append(status.getReason());
            }
            out.append('\n');
            if (status != null) {
                containers(out, "init container", status.getInitContainerStatuses());
                containers(out, "container", status.getContainerStatuses());
            }
        }
        return out.toString();
    }

    private static void containers(StringBuilder out, String kind, List<ContainerStatus> statuses) {
        if (statuses == null) {
            return;
        }
        for (ContainerStatus c : statuses) {
            out.append("  ").append(kind).append(' ').append(c.getName()).append(": ");
            var state = c.getState();
            if (state != null && state.getTerminated() != null) {
                out.append("terminated reason=")
                        .append(state.getTerminated().getReason())
                        .append(" exitCode=")
                        .append(state.getTerminated().getExitCode());
            } else if (state != null && state.getWaiting() != null) {
                out.append("waiting reason=").append(state.getWaiting().getReason());
            } else if (state != null && state.getRunning() != null) {
                out.append("running since ").append(state.getRunning().getStartedAt());
            } else {
                out.append("unknown");
            }
            out.append(" restarts=").append(c.getRestartCount() == null ? 0 : c.getRestartCount());
            var last = c.getLastState();
            if (last != null && last.getTerminated() != null) {
                out.append(" last: reason=")
                        .append(last.getTerminated().getReason())
                        .append(" exitCode=")
                        .append(last.getTerminated().getExitCode());
            }
            out.append('\n');
        }
    }

    String jobs(String namespace) {
        StringBuilder out = new StringBuilder();
        List<Job> jobs = new ArrayList<>(
                client.batch().v1().jobs().inNamespace(namespace).list().getItems());
        jobs.sort(Comparator.comparing(j -> j.getMetadata().getName()));
        for (Job job : jobs) {
            var status = job.getStatus();
            out.append("job ")
                    .append(job.getMetadata().getName())
                    .append(": active=")
                    .append(status == null || status.getActive() == null ? 0 : status.getActive())
                    .append(" succeeded=")
                    .append(status == null || status.getSucceeded() == null ? 0 : status.getSucceeded())
                    .append(" failed=")
                    .append(status == null || status.getFailed() == null ? 0 : status.getFailed())
                    .append('\n');
            if (status != null && status.getConditions() != null) {
                status.getConditions()
                        .forEach(c -> out.append("  condition ")
                                .append(c.getType())
                                .append('=')
                                .append(c.getStatus())
                                .append(" reason=")
                                .append(c.getReason())
                                .append(": ")
                                .append(Objects.toString(c.getMessage(), ""))
                                .append('\n'));
            }
        }
        return out.toString();
    }

    /** One container log to read: its path in the bundle. */
    record LogRead(String pod, String container, boolean previous) {
        String path() {
            return "logs/" + pod + "/" + container + (previous ? ".previous.log" : ".log");
        }
    }

    /** Every container's log (init containers first), and its previous instance's when it restarted. */
    static List<LogRead> logReads(Pod pod) {
        String name = pod.getMetadata().getName();
        var spec = pod.getSpec();
        if (spec == null) {
            return List.of();
        }
        List<Container> containers = Stream.concat(
                        spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream(),
                        spec.getContainers() == null ? Stream.empty() : spec.getContainers().stream())
                .toList();
        Map<String, Integer> restarts = pod.getStatus() == null
                ? Map.of()
                : Stream.concat(
                                pod.getStatus().getInitContainerStatuses() == null
                                        ? Stream.empty()
                                        : pod.getStatus().getInitContainerStatuses().stream(),
                                pod.getStatus().getContainerStatuses() == null
                                        ? Stream.empty()
                                        : pod.getStatus().getContainerStatuses().stream())
                        .collect(Collectors.toMap(
                                ContainerStatus::getName,
                                c -> c.getRestartCount() == null ? 0 : c.getRestartCount(),
                                (a, b) -> a));
        List<LogRead> reads = new ArrayList<>();
        for (Container container : containers) {
            reads.add(new LogRead(name, container.getName(), false));
            if (restarts.getOrDefault(container.getName(), 0) > 0) {
                reads.add(new LogRead(name, container.getName(), true));
            }
        }
        return reads;
    }

    /**
     * Reads the logs in parallel within one deadline. A log read goes API server -> kubelet, and fabric8 waits for the
     * answer without a time limit: a node that never answers (gone, partitioned; every KWOK fake node) held the
     * reconciler's thread for ever, and once every thread was held no run progressed.
     */
    void readLogs(List<LogRead> reads, EvidenceBundle bundle, List<String> notes) {
        record Read(LogRead what, Future<BoundedLogs.Captured> result) {}
        List<Read> started = new ArrayList<>();
        for (LogRead read : reads) {
            started.add(new Read(read, LOG_READERS.submit(() -> readWithRetry(read))));
        }
        long deadline = System.nanoTime() + logDeadline.toNanos();
        for (Read read : started) {
            String path = read.what().path();
            try {
                var captured = read.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                bundle.add(path, captured.content());
                if (captured.note() != null) {
                    notes.add(path + ": " + captured.note());
                }
            } catch (TimeoutException e) {
                read.result().cancel(true);
                notes.add(path + ": not captured: no answer within " + logDeadline.toSeconds()
                        + " s (the node's kubelet did not answer)");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                notes.add(path + ": not captured: "
                        + Redaction.safe(Redaction.firstLine(String.valueOf(cause.getMessage()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notes.add(path + ": not captured: interrupted");
                return;
            }
        }
    }

    private BoundedLogs.Captured readWithRetry(LogRead read) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return BoundedLogs.read(logs, read.pod(), read.container(), read.previous(), logBytesPerContainer);
            } catch (Exception e) {
                if (attempt >= ATTEMPTS || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        }
    }

    /** Daemon threads for log reads, so a read that never returns cannot keep the operator from exiting. */
    private static final ExecutorService LOG_READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sit-evidence-log-read");
        thread.setDaemon(true);
        return thread;
    });

    /** The runner's part: data-evidence.tar.gz from sit-reports, unpacked under data/, or why there is none. */
    void dataEvidence(String namespace, EvidenceBundle bundle, List<String> notes) {
        ConfigMap reports = client.configMaps()
                .inNamespace(namespace)
                .withName(RunContract.REPORTS_CONFIGMAP)
                .get();
        String packed = reports == null || reports.getBinaryData() == null
                ? null
                : reports.getBinaryData().get(RunContract.DATA_EVIDENCE_KEY);
        if (packed != null) {
            bundle.addAll("data/", EvidenceBundle.unpack(Base64.getDecoder().decode(packed)));
            return;
        }
        ConfigMap results = client.configMaps()
                .inNamespace(namespace)
                .withName(RunContract.RESULTS_CONFIGMAP)
                .get();
        boolean runnerFinished = results != null
                && results.getData() != null
                && results.getData().containsKey(RunContract.RUNNER_RESULT_KEY);
        notes.add("data/: no data evidence: "
                + (reports == null
                        ? "there is no " + RunContract.REPORTS_CONFIGMAP + " ConfigMap in " + namespace
                                + " (the run ended before the runner could start)"
                        : runnerFinished
                                ? "the runner wrote its result without " + RunContract.DATA_EVIDENCE_KEY
                                : "the runner did not finish (no result in " + RunContract.RESULTS_CONFIGMAP + ")"));
    }
}
