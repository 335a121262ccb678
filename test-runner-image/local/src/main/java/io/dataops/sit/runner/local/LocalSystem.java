package io.dataops.sit.runner.local;

import io.dataops.sit.api.v1alpha1.spec.LocalProcessSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A system under test running as a child process; its output is copied to ours with a name prefix. */
final class LocalSystem implements AutoCloseable {

    /** The command word that means "this runner" (the built-in relay and friends). */
    static final String RUNNER_COMMAND = "sit-runner";

    private static final String RUNNER_MAIN = "io.dataops.sit.runner.Main";

    /**
     * How long a system gets to stop after SIGTERM before it is killed. Short on purpose: local systems hold
     * nothing worth a long drain, and every second is added to each ./sit run.
     */
    static final long STOP_GRACE_SECONDS = 3;

    private final String name;
    private final Process process;
    private final CountDownLatch firstOutput = new CountDownLatch(1);

    private LocalSystem(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static LocalSystem start(SystemSpec system, Path sitRunFolder, Map<String, String> env, PrintStream out)
            throws IOException {
        LocalProcessSpec local = system.getLocal();
        List<String> command = expand(local.getCommand(), sitRunFolder);
        Path workingDir = local.getWorkingDir() == null ? sitRunFolder : sitRunFolder.resolve(local.getWorkingDir());
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        LocalSystem started = new LocalSystem(system.getName(), process);
        Thread pump = new Thread(() -> started.copyOutput(out), "output-" + system.getName());
        pump.setDaemon(true);
        pump.start();
        return started;
    }

    /**
     * {@code sit-runner ...} runs this very runner: the current java with the current class path (the
     * jar under {@code ./sit run}, the build's classes in tests). A relative program path (containing a
     * slash) is resolved against the SitRun file's folder; a bare word is looked up on PATH.
     */
    static List<String> expand(List<String> command, Path sitRunFolder) {
        List<String> expanded = new ArrayList<>();
        String program = command.get(0);
        if (RUNNER_COMMAND.equals(program)) {
            expanded.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            expanded.add("-cp");
            expanded.add(absoluteClassPath());
            expanded.add(RUNNER_MAIN);
        } else if (program.contains("/") && !Path.of(program).isAbsolute()) {
            expanded.add(sitRunFolder.resolve(program).normalize().toString());
        } else {
            expanded.add(program);
        }
        expanded.addAll(command.subList(1, command.size()));
        return expanded;
    }

    /** The child runs in the SitRun's folder: relative class path entries must not depend on our cwd. */
    private static String absoluteClassPath() {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (!cp.isEmpty()) {
                cp.append(File.pathSeparatorChar);
            }
            cp.append(Path.of(entry).toAbsolutePath());
        }
        return cp.toString();
    }

    private void copyOutput(PrintStream out) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println("  [" + name + "] " + line);
                firstOutput.countDown();
            }
        } catch (IOException e) {
            // the process ended; nothing more to copy
        } finally {
            firstOutput.countDown();
        }
    }

    /** A first line of output is the only start signal a plain command gives; true when it came in time. */
    boolean awaitFirstOutput(long millis) throws InterruptedException {
        return firstOutput.await(millis, TimeUnit.MILLISECONDS);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Waits up to the timeout for an early exit (a command that cannot start fails within moments). */
    boolean exitedWithin(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, then SIGKILL after a grace period; children of the process too. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
