package io.dataops.sit.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The operator as users run it ({@code ./sit operator}, i.e. the Quarkus jar) in its own process against
 * the suite's kubeconfig, so a test can kill it hard and start it again.
 */
public final class OperatorProcess implements AutoCloseable {

    private static final AtomicInteger STARTS = new AtomicInteger();

    private final Path kubeconfig;
    private Process process;
    private Path log;
    /** Operator settings (-Dsit.*) a test class asked for until it restores the defaults. */
    private Map<String, String> settings = Map.of();

    public OperatorProcess(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    public static Path jar() {
        return Repo.path("operator/controller/target/quarkus-app/quarkus-run.jar");
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (!Files.exists(jar())) {
            throw new AssertionError("operator jar missing: " + jar() + " (build the reactor first: ./sit test)");
        }
        log = Repo.logDir().resolve("operator-" + STARTS.incrementAndGet() + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-Dquarkus.http.port=0");
        // One local process, no pod namespace to hold a Lease in: no leader election (application.properties).
        cmd.add("-Dquarkus.profile=out-of-cluster");
        // Short grace periods keep the suite fast; the defaults are for real clusters.
        cmd.add("-Dsit.image-pull-grace=20s");
        // The run pods of this operator go to the KWOK nodes (no image ever runs there); the real node is for the
        // in-cluster operator of RealNodeE2ETest.
        cmd.add("-Dsit.placement.node-selector=type=kwok");
        cmd.add("-Dsit.placement.tolerations=kwok.x-k8s.io/node=fake:NoSchedule");
        settings.forEach((key, value) -> cmd.add("-D" + key + "=" + value));
        cmd.add("-jar");
        cmd.add(jar().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Awaitility.await("operator started (log " + log + ")")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("operator exited with " + process.exitValue() + ":\n" + logTail());
                        }
                        return Files.readString(log).contains(" started in ");
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("operator did not start in time:\n" + logTail(), e);
        }
    }

    /**
     * Restarts the operator with these settings on top of the suite's (an admin changing the operator's config); an
     * empty map restores the suite's defaults. Classes that change settings restore them in their @AfterAll.
     */
    public synchronized void restartWith(Map<String, String> operatorSettings) {
        stop();
        settings = Map.copyOf(operatorSettings);
        start();
    }

    /** SIGKILL: no shutdown hooks, no chance to tidy up, as when a node dies. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    public long pid() {
        return process.pid();
    }

    public String logTail() {
        try {
            return log == null || !Files.exists(log) ? "(no log)" : Command.tail(Files.readString(log), 60);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
