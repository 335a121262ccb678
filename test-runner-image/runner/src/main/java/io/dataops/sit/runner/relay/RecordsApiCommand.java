package io.dataops.sit.runner.relay;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.runner.data.DataFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code records-api --topic <topic> [--port N] [--publish-to <topic>] [--id-field F] [--token-env VAR]
 * [--schema <file.avsc>] [--bootstrap <servers>]}: the built-in HTTP system under test ({@link RecordsApi}) until
 * SIGTERM. The token is read from the variable {@code --token-env} names (a Secret's key in a cluster), never from
 * the command line, which {@code ps} and the pod spec show.
 */
@Command(
        name = "records-api",
        mixinStandardHelpOptions = true,
        description = "A small HTTP system under test: serves a topic's records, publishes what is POSTed.")
public final class RecordsApiCommand implements Callable<Integer> {

    @Option(
            names = "--topic",
            required = true,
            paramLabel = "TOPIC",
            description = "The topic whose records it serves.")
    String topic;

    @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: 8080).")
    int port = 8080;

    @Option(names = "--publish-to", paramLabel = "TOPIC", description = "Where POSTed records are published.")
    String publishTo;

    @Option(names = "--id-field", paramLabel = "FIELD", description = "The field /records/{id} looks up (default: id).")
    String idField = "id";

    @Option(
            names = "--token-env",
            paramLabel = "VAR",
            description = "The variable holding the bearer token every request must carry.")
    String tokenEnv;

    @Option(names = "--schema", paramLabel = "FILE", description = "Avro schema (.avsc) of the records.")
    Path schema;

    @Option(
            names = "--bootstrap",
            paramLabel = "SERVERS",
            description = "Kafka bootstrap servers (default: $" + RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS + ").")
    String bootstrap;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    /** @param env where the default bootstrap servers and the token variable are read */
    public RecordsApiCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        RecordsApi.Options options = options();
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

    /** The API's options from {@code args}; invalid ones throw {@link IllegalArgumentException} with the reason. */
    public static RecordsApi.Options parse(String[] args, Map<String, String> env) {
        RecordsApiCommand command = new RecordsApiCommand(env);
        try {
            new CommandLine(command).parseArgs(args);
            return command.options();
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    RecordsApi.Options options() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not a port");
        }
        String servers = bootstrap != null ? bootstrap : env.get(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new ParameterException(
                    spec.commandLine(), "no --bootstrap and no " + RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS + " set");
        }
        String token = null;
        if (tokenEnv != null) {
            token = env.get(tokenEnv);
            if (token == null || token.isBlank()) {
                // refuses to run open when a token was asked for: a test of the auth would pass for the wrong reason
                throw new ParameterException(
                        spec.commandLine(), "--token-env " + tokenEnv + ": the variable is not set");
            }
            token = token.strip();
        }
        Schema avro = null;
        if (schema != null) {
            try {
                avro = DataFiles.parseSchema(schema);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--schema: " + e.getMessage(), e);
            }
        }
        return new RecordsApi.Options(servers, port, topic, publishTo, idField, token, avro);
    }
}
