package io.dataops.sit.runner;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.runner.cluster.ClusterRunCommand;
import io.dataops.sit.runner.relay.RecordsApiCommand;
import io.dataops.sit.runner.relay.RelayCommand;
import io.dataops.sit.runner.seed.SeedCommand;
import java.util.Arrays;

/**
 * Entry point of the runner image: {@code <run|seed|relay|records-api> ...} (the operator passes these as container args).
 * Local mode ({@code ./sit run}) is the separate sit-local.jar; its systems start this class for {@code sit-runner ...}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(dispatch(args));
    }

    static int dispatch(String[] args) {
        if (args.length == 0) {
            usage();
            return RunContract.EXIT_ERROR;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "run" -> ClusterRunCommand.run(rest);
                case "seed" -> SeedCommand.run(rest);
                case "relay" -> RelayCommand.run(rest);
                case "records-api" -> RecordsApiCommand.run(rest);
                case "help", "-h", "--help" -> {
                    usage();
                    yield RunContract.EXIT_PASSED;
                }
                default -> {
                    System.err.println("sit-runner: unknown command '" + args[0] + "'");
                    usage();
                    yield RunContract.EXIT_ERROR;
                }
            };
        } catch (RuntimeException e) {
            // An unexpected failure is an error (exit 2), never a pass or a plain test failure.
            System.err.println("sit-runner: " + args[0] + " failed: " + e);
            return RunContract.EXIT_ERROR;
        }
    }

    private static void usage() {
        System.err.println("""
                usage: sit-runner <command>
                  run                                   run the scenarios in a cluster (reads the mounted SitRun)
                  seed --database <name>                seed one database of the SitRun
                  relay --from <topic> --to <topic> [--bootstrap S] [--filter P] [--schema F] [--max-records N] [--group G]
                  records-api --topic <topic> [--port N] [--publish-to <topic>] [--id-field F] [--token-env VAR]
                              [--schema F] [--bootstrap S]      a small HTTP system: serves a topic, publishes POSTs
                """);
    }
}
