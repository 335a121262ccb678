package io.dataops.sit.runner.relay;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.runner.data.DataFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * {@code relay --from <topic> --to <topic> [--bootstrap <servers>] [--filter <json-path predicate>]
 * [--schema <file.avsc>] [--max-records N] [--group <id>]}: copies records between topics until SIGTERM.
 * Bootstrap servers default to KAFKA_BOOTSTRAP_SERVERS, as injected into every system of a run.
 */
public final class RelayCommand {

    private RelayCommand() {}

    public static int run(String[] args) {
        Relay.Options options;
        try {
            options = parse(args, System.getenv(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS));
        } catch (IllegalArgumentException e) {
            System.err.println("relay: " + e.getMessage());
            System.err.println(
                    "usage: relay --from <topic> --to <topic> [--bootstrap S] [--filter P] [--schema F] [--max-records N] [--group G]");
            return RunContract.EXIT_ERROR;
        }
        Relay relay = new Relay(options);
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

    public static Relay.Options parse(String[] args, String defaultBootstrap) {
        String from = null;
        String to = null;
        String bootstrap = defaultBootstrap;
        String filter = null;
        Schema schema = null;
        long max = Long.MAX_VALUE;
        String group = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--from" -> from = value;
                case "--to" -> to = value;
                case "--bootstrap" -> bootstrap = value;
                case "--filter" -> filter = value;
                case "--schema" -> {
                    try {
                        schema = DataFiles.parseSchema(Path.of(value));
                    } catch (IOException e) {
                        throw new IllegalArgumentException(e.getMessage());
                    }
                }
                case "--max-records" -> {
                    try {
                        max = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--max-records needs a number, got " + value);
                    }
                }
                case "--group" -> group = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("--from and --to are required");
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException(
                    "no --bootstrap and no " + RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS + " set");
        }
        return new Relay.Options(
                bootstrap, from, to, filter, schema, max, group != null ? group : "sit-relay-" + from + "-" + to);
    }
}
