package io.dataops.sit.runner;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.runner.cluster.ClusterRunCommand;
import io.dataops.sit.runner.relay.RecordsApiCommand;
import io.dataops.sit.runner.relay.RelayCommand;
import io.dataops.sit.runner.seed.SeedCommand;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * Entry point of the runner image: {@code <run|seed|relay|records-api> ...} (the operator passes these as container args).
 * Local mode ({@code ./sit run}) is the separate sit-local.jar; its systems start this class for {@code sit-runner ...}.
 * Exit codes are the run contract's: 0 passed, 1 failed, 2 error (bad arguments included).
 */
@Command(
        name = "sit-runner",
        mixinStandardHelpOptions = true,
        description = "The sit-operator runner: scenarios, seeding and the built-in systems under test.",
        subcommands = HelpCommand.class)
public final class Main implements Callable<Integer> {

    private Main() {}

    public static void main(String[] args) {
        System.exit(dispatch(args));
    }

    static int dispatch(String[] args) {
        return commandLine(System.getenv()).execute(args);
    }

    /** The commands, reading their defaults (the injected bootstrap servers, a token variable) from {@code env}. */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main())
                .addSubcommand(new ClusterRunCommand())
                .addSubcommand(new SeedCommand(env::get))
                .addSubcommand(new RelayCommand(env.get(RunContract.ENV_KAFKA_BOOTSTRAP_SERVERS)))
                .addSubcommand(new RecordsApiCommand(env));
        // Invalid arguments (picocli's usage exit code is 2 too) and unexpected failures are errors, never a pass
        // or a plain test failure.
        cli.getCommandSpec().exitCodeOnInvalidInput(RunContract.EXIT_ERROR);
        // "<command>: <what is wrong>" first, as a system's log shows it (local mode and kubectl logs), then the usage
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println(command.getCommandName() + ": " + e.getMessage());
            command.usage(command.getErr());
            return RunContract.EXIT_ERROR;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("sit-runner: " + command.getCommandName() + " failed: " + e);
            return RunContract.EXIT_ERROR;
        });
        return cli;
    }

    /** No command given: the usage, as an error. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return RunContract.EXIT_ERROR;
    }
}
