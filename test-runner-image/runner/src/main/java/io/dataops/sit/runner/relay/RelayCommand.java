package io.dataops.sit.runner.relay;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.runner.data.DataFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relay --from <topic> --to <topic> [--bootstrap <servers>] [--filter <json-path predicate>]
 * [--schema <file.avsc>] [--max-records N] [--group <id>]}: copies records between topics until SIGTERM.
 * Bootstrap servers default to KAFKA_BOOTSTRAP_SERVERS, as injected into every system of a run.
 */
@Command(
        name = "relay",
        mixinStandardHelpOptions = true,
        description = "Copies records between topics until SIGTERM: the built-in system under test.")
public final class RelayCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TOPIC", description = "The topic to write.")
    String to;

    @Option(
            names = "--bootstrap",
            paramLabel = "SERVERS",
            description = "Kafka bootstrap servers (default: $" + RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS + ").")
    String bootstrap;

    @Option(names = "--filter", paramLabel = "PREDICATE", description = "Relay only records matching this JSON path.")
    String filter;

    @Option(names = "--schema", paramLabel = "FILE", description = "Avro schema (.avsc) of the records.")
    Path schema;

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    long maxRecords = Long.MAX_VALUE;

    @Option(names = "--group", paramLabel = "ID", description = "Consumer group (default: sit-relay-<from>-<to>).")
    String group;

    @Spec
    CommandSpec spec;

    private final String defaultBootstrap;

    /** @param defaultBootstrap the bootstrap servers when {@code --bootstrap} is not given (may be null) */
    public RelayCommand(String defaultBootstrap) {
        this.defaultBootstrap = defaultBootstrap;
    }

    @Override
    public Integer call() {
        Relay relay = new Relay(options());
        // close() returns once the loop has flushed and committed. The hook must not wait for the main
        // thread: after the loop ends, main calls System.exit, which blocks until the hooks finish.
        Thread hook = new Thread(relay::close, "relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        relay.runLoop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return RunContract.EXIT_PASSED;
    }

    /** The relay's options from {@code args}, as {@code sit-runner relay} would run it (local mode's in-process relay); invalid
     * ones throw {@link IllegalArgumentException} with the reason.
     */
    public static Relay.Options parse(String[] args, String defaultBootstrap) {
        RelayCommand command = new RelayCommand(defaultBootstrap);
        try {
            new CommandLine(command).parseArgs(args);
            return command.options();
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    Relay.Options options() {
        String servers = bootstrap != null ? bootstrap : defaultBootstrap;
        if (servers == null || servers.isBlank()) {
            throw new ParameterException(
                    spec.commandLine(), "no --bootstrap and no " + RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS + " set");
        }
        Schema avro = null;
        if (schema != null) {
            try {
                avro = DataFiles.parseSchema(schema);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--schema: " + e.getMessage(), e);
            }
        }
        return new Relay.Options(
                servers, from, to, filter, avro, maxRecords, group != null ? group : "sit-relay-" + from + "-" + to);
    }
}
