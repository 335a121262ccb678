package io.dataops.sit.runner.relay;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.runner.data.DataFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * {@code records-api --topic <topic> [--port N] [--publish-to <topic>] [--id-field F] [--token-env VAR]
 * [--schema <file.avsc>] [--bootstrap <servers>]}: the built-in HTTP system under test ({@link RecordsApi}) until
 * SIGTERM. The token is read from the variable {@code --token-env} names (a Secret's key in a cluster), never from
 * the command line, which {@code ps} and the pod spec show.
 */
public final class RecordsApiCommand {

    static final String USAGE = "usage: records-api --topic <topic> [--port N] [--publish-to <topic>] [--id-field F] "
            + "[--token-env VAR] [--schema F] [--bootstrap S]";

    private RecordsApiCommand() {}

    public static int run(String[] args) {
        RecordsApi.Options options;
        try {
            options = parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("records-api: " + e.getMessage());
            System.err.println(USAGE);
            return RunContract.EXIT_ERROR;
        }
        RecordsApi api;
        try {
            api = new RecordsApi(options).start();
        } catch (IOException e) {
            System.err.println("records-api: cannot listen on port " + options.port() + ": " + e.getMessage());
            return RunContract.EXIT_ERROR;
        }
        Thread hook = new Thread(api::close, "records-api-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!api.awaitReady(Duration.ofSeconds(60))) {
                System.err.println("records-api: cannot read topic " + options.topic() + " (see above)");
                api.close();
                return RunContract.EXIT_ERROR;
            }
            api.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return RunContract.EXIT_PASSED;
    }

    public static RecordsApi.Options parse(String[] args, Map<String, String> env) {
        String topic = null;
        int port = 8080;
        String publishTo = null;
        String idField = "id";
        String tokenEnv = null;
        Schema schema = null;
        String bootstrap = env.get(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--topic" -> topic = value;
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number, got " + value);
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port " + port + " is not a port");
                    }
                }
                case "--publish-to" -> publishTo = value;
                case "--id-field" -> idField = value;
                case "--token-env" -> tokenEnv = value;
                case "--schema" -> {
                    try {
                        schema = DataFiles.parseSchema(Path.of(value));
                    } catch (IOException e) {
                        throw new IllegalArgumentException(e.getMessage());
                    }
                }
                case "--bootstrap" -> bootstrap = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (topic == null) {
            throw new IllegalArgumentException("--topic is required");
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException(
                    "no --bootstrap and no " + RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS + " set");
        }
        String token = null;
        if (tokenEnv != null) {
            token = env.get(tokenEnv);
            if (token == null || token.isBlank()) {
                // refuses to run open when a token was asked for: a test of the auth would pass for the wrong reason
                throw new IllegalArgumentException("--token-env " + tokenEnv + ": the variable is not set");
            }
            token = token.strip();
        }
        return new RecordsApi.Options(bootstrap, port, topic, publishTo, idField, token, schema);
    }
}
