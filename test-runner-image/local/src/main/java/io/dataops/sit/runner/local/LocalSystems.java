package io.dataops.sit.runner.local;

import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.runner.embedded.EmbeddedKafka;
import io.dataops.sit.runner.relay.RelayTracing;
import io.dataops.sit.runner.trace.FlowTraces;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The systems under test that have a {@code local} command, started as child processes with the variables a
 * cluster gives them, then waited for as far as a plain command shows readiness; {@code sit-runner relay}
 * runs in this JVM ({@link InProcessRelay}).
 */
final class LocalSystems {

    static final Duration SYSTEM_START_TIMEOUT = Duration.ofSeconds(30);

    private final List<LocalSystem> systems = new ArrayList<>();
    private final List<InProcessRelay> relays = new ArrayList<>();
    private final PrintStream out;
    /** What starts a system again after a fault step stopped it. */
    private final Map<String, SystemSpec> specs = new LinkedHashMap<>();

    private final Map<String, Map<String, String>> envs = new LinkedHashMap<>();
    private final Path folder;
    private final StartedResources started;

    private LocalSystems(Path folder, StartedResources started, PrintStream out) {
        this.folder = folder;
        this.started = started;
        this.out = out;
    }

    /**
     * @param declaredEnv each system's own env, resolved ({@link LocalVariables}), by system name
     * @param traces      where systems export spans: each gets OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME (its
     *                    name) unless its own env sets them
     */
    static LocalSystems start(
            List<SystemSpec> specs,
            Map<String, Map<String, String>> declaredEnv,
            LocalEnvironment env,
            FlowTraces traces,
            Path folder,
            StartedResources started,
            PrintStream out)
            throws Exception {
        LocalSystems result = new LocalSystems(folder, started, out);
        List<SystemSpec> runnable =
                specs.stream().filter(s -> s.getLocal() != null).toList();
        if (runnable.isEmpty()) {
            return result;
        }
        Map<String, String> injected = env.systemEnv();
        for (SystemSpec system : runnable) {
            Map<String, String> systemEnv = new LinkedHashMap<>(injected);
            systemEnv.put(RelayTracing.ENDPOINT, traces.loopbackEndpoint());
            systemEnv.put(RelayTracing.SERVICE_NAME, system.getName());
            systemEnv.putAll(declaredEnv.getOrDefault(system.getName(), Map.of()));
            result.specs.put(system.getName(), system);
            result.envs.put(system.getName(), systemEnv);
            result.startOne(system);
        }
        result.awaitReady(env.kafkas());
        return result;
    }

    private void startOne(SystemSpec system) throws LocalRunException {
        Map<String, String> systemEnv = envs.get(system.getName());
        if (InProcessRelay.runs(system.getLocal().getCommand())) {
            Path workingDir = system.getLocal().getWorkingDir() == null
                    ? folder
                    : folder.resolve(system.getLocal().getWorkingDir());
            relays.add(started.add(InProcessRelay.start(system, systemEnv, workingDir)));
            out.println("  system " + system.getName() + " started: "
                    + String.join(" ", system.getLocal().getCommand()) + " (in process)");
            return;
        }
        LocalSystem process;
        try {
            process = LocalSystem.start(system, folder, systemEnv, out);
        } catch (IOException e) {
            throw new LocalRunException(
                    "SystemNotStarted",
                    "system " + system.getName() + " ("
                            + String.join(" ", system.getLocal().getCommand()) + ") did not start: "
                            + e.getMessage());
        }
        systems.add(started.add(process));
        out.println("  system " + system.getName() + " started: "
                + String.join(" ", system.getLocal().getCommand()));
    }

    /** Whether this system runs on this machine (it has a local command). */
    synchronized boolean runsLocally(String name) {
        return specs.containsKey(name);
    }

    /** A fault step: stops the system as the run's end would (its process, or the in-process relay). */
    synchronized void stop(String name) {
        relays.removeIf(relay -> {
            if (relay.name().equals(name)) {
                relay.close();
                return true;
            }
            return false;
        });
        systems.removeIf(system -> {
            if (system.name().equals(name)) {
                system.close();
                return true;
            }
            return false;
        });
    }

    /**
     * A fault step: starts a stopped system again with the same command and variables, and waits for it as far as
     * it shows readiness (a relay's partitions, a process's first line).
     */
    synchronized void start(String name) throws Exception {
        boolean running = relays.stream().anyMatch(r -> r.name().equals(name))
                || systems.stream().anyMatch(s -> s.name().equals(name));
        if (running) {
            return;
        }
        startOne(specs.get(name));
        for (InProcessRelay relay : relays) {
            if (relay.name().equals(name) && !relay.awaitReady(SYSTEM_START_TIMEOUT)) {
                throw new LocalRunException(
                        "SystemNotStarted",
                        "system " + name + " got no partitions within " + SYSTEM_START_TIMEOUT.toSeconds() + " s");
            }
        }
        for (LocalSystem system : systems) {
            if (system.name().equals(name)
                    && (!system.awaitFirstOutput(SYSTEM_START_TIMEOUT.toMillis()) || system.exitedWithin(200))) {
                throw new LocalRunException(
                        "SystemNotStarted",
                        "system " + name + " printed nothing within " + SYSTEM_START_TIMEOUT.toSeconds()
                                + " s or exited at start (its output is above)");
            }
        }
    }

    /**
     * Readiness, as far as a plain command shows it: its first line of output, then the consumer groups it
     * joins settle. Without this the scenario can publish and finish before a slow-starting system
     * subscribed (a cluster waits for Deployment readiness instead).
     */
    private void awaitReady(List<EmbeddedKafka> kafkas) throws Exception {
        for (InProcessRelay relay : relays) {
            if (!relay.awaitReady(SYSTEM_START_TIMEOUT)) {
                if (!relay.isRunning()) {
                    throw new LocalRunException(
                            "SystemNotStarted",
                            "system " + relay.name() + " stopped at start (its " + "output is above)");
                }
                out.println("  system " + relay.name() + " got no partitions within " + SYSTEM_START_TIMEOUT.toSeconds()
                        + " s; testing anyway");
            }
        }
        if (systems.isEmpty()) {
            return; // only in-process relays: each said when it was subscribed, no group quiet period to wait out
        }
        for (LocalSystem system : systems) {
            if (!system.awaitFirstOutput(SYSTEM_START_TIMEOUT.toMillis())) {
                out.println("  system " + system.name() + " printed nothing within " + SYSTEM_START_TIMEOUT.toSeconds()
                        + " s; testing anyway");
            }
            // A command that cannot run (bad arguments, missing jar) exits at once: report it before testing.
            if (system.exitedWithin(200)) {
                throw new LocalRunException(
                        "SystemNotStarted",
                        "system " + system.name() + " exited at start with code " + system.exitValue()
                                + " (its output is above)");
            }
        }
        for (EmbeddedKafka kafka : kafkas) {
            ConsumerGroupsSettle.await(kafka, Duration.ofMillis(1500), Duration.ofSeconds(15));
        }
        // A slow JVM may print its error and take longer than the check above to exit: look again before testing.
        for (LocalSystem system : systems) {
            if (!system.isAlive()) {
                throw new LocalRunException(
                        "SystemNotStarted",
                        "system " + system.name() + " exited at start with code " + system.exitValue()
                                + " (its output is above)");
            }
        }
    }

    /** Notes each system that exited while the scenarios ran. */
    synchronized void reportExits() {
        for (InProcessRelay relay : relays) {
            if (!relay.isRunning()) {
                out.println("sit run: note: system " + relay.name() + " stopped during the run (its output is above)");
            }
        }
        for (LocalSystem system : systems) {
            if (!system.isAlive()) {
                out.println("sit run: note: system " + system.name() + " exited during the run with code "
                        + system.exitValue());
            }
        }
    }
}
