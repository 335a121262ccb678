package io.dataops.sit.runner.local;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.runner.relay.Relay;
import io.dataops.sit.runner.relay.RelayCommand;
import io.dataops.sit.runner.relay.RelayTracing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A system whose {@code local.command} is {@code sit-runner relay ...}: the same {@link Relay} the runner image
 * runs, on a thread of this JVM. A second JVM costs a start-up and, because it shows readiness only by printing,
 * a consumer-group quiet period; in process the relay says when its consumer got its partitions.
 */
final class InProcessRelay implements AutoCloseable {

    private final String name;
    private final Relay relay;

    private InProcessRelay(String name, Relay relay) {
        this.name = name;
        this.relay = relay;
    }

    /** True for {@code sit-runner relay ...}; any other command runs as a child process ({@link LocalSystem}). */
    static boolean runs(List<String> command) {
        return command.size() > 1
                && LocalSystem.RUNNER_COMMAND.equals(command.get(0))
                && "relay".equals(command.get(1));
    }

    /**
     * @param env        the variables a child process would get (KAFKA_BOOTSTRAP_SERVERS is the default broker)
     * @param workingDir where the child would run: relative {@code --schema} files are found there
     */
    static InProcessRelay start(SystemSpec system, Map<String, String> env, Path workingDir) throws LocalRunException {
        List<String> args = new ArrayList<>(system.getLocal()
                .getCommand()
                .subList(2, system.getLocal().getCommand().size()));
        for (int i = 0; i + 1 < args.size(); i++) {
            if ("--schema".equals(args.get(i))) {
                args.set(i + 1, workingDir.resolve(args.get(i + 1)).toString());
            }
        }
        Relay.Options options;
        try {
            options = RelayCommand.parse(args.toArray(String[]::new), env.get(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS));
        } catch (IllegalArgumentException e) {
            throw new LocalRunException(
                    "SystemNotStarted",
                    "system " + system.getName() + " ("
                            + String.join(" ", system.getLocal().getCommand()) + ") did not start: " + e.getMessage());
        }
        return new InProcessRelay(system.getName(), new Relay(options, RelayTracing.fromEnv(env)).start());
    }

    String name() {
        return name;
    }

    /** True once the relay's consumer has its partitions, false at the timeout or when it stopped. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return relay.awaitAssigned(timeout);
    }

    boolean isRunning() {
        return !relay.hasStopped();
    }

    @Override
    public void close() {
        relay.close();
    }

    @Override
    public String toString() {
        return "system " + name + " (in-process relay)";
    }
}
