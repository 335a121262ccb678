package io.dataops.sit.kubectl;

import io.dataops.sit.api.RunContract;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code kubectl sit}: the CI entry point against a cluster. kubectl runs any {@code kubectl-sit} on the PATH.
 * Only picocli and this package's command classes load for {@code --help} and completion of command names;
 * the Kubernetes client loads when a command talks to the cluster (see {@link Kube}).
 */
@Command(
        name = "kubectl sit",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        exitCodeOnInvalidInput = RunContract.EXIT_ERROR,
        exitCodeOnExecutionException = RunContract.EXIT_ERROR,
        versionProvider = KubectlSit.Version.class,
        description = "Run SitRuns on a cluster and fetch what they leave: reports, evidence, logs.",
        subcommands = {
            RunCommand.class,
            ReportCommand.class,
            EvidenceCommand.class,
            LogsCommand.class,
            RerunCommand.class,
            CompletionCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 passed, 1 failed (a threshold or scenario), 2 error (bad input, timeout, "
                    + "unreachable cluster)."
        })
public final class KubectlSit implements Runnable {

    // The kubectl conventions, on every subcommand (picocli copies INHERIT options down).
    @Option(
            names = {"-n", "--namespace"},
            scope = ScopeType.INHERIT,
            paramLabel = "NS",
            description = "Namespace of the SitRun (default: the kubeconfig context's namespace, else default).")
    String namespace;

    @Option(
            names = "--context",
            scope = ScopeType.INHERIT,
            paramLabel = "NAME",
            description = "The kubeconfig context to use (default: the current context).")
    String context;

    @Option(
            names = "--kubeconfig",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    String kubeconfig;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is needed (run, report, evidence, logs, rerun)");
    }

    /** The cluster this invocation talks to; built on first use so --help never loads the client. */
    Kube kube() {
        return Kube.connect(kubeconfig, context, namespace);
    }

    public static void main(String[] args) {
        // Netty (under fabric8's HTTP client) probes sun.misc.Unsafe, which JDK 24+ warns about on stderr at every
        // start; a CLI does not need Netty's off-heap speed-ups.
        System.setProperty("io.netty.noUnsafe", "true");
        System.exit(execute(
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                args));
    }

    /** Runs one invocation; out and err are the command's streams (tests pass their own). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        KubectlSit root = new KubectlSit();
        CommandLine cli = new CommandLine(root);
        if (args.length > 0 && args[0].equals(Completer.COMMAND)) {
            // Not a picocli subcommand: the words being completed must not be parsed as this invocation's options.
            return Completer.run(cli, List.of(args).subList(1, args.length), out);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // One line, like kubectl; the trace only when asked for.
            commandLine.getErr().println("error: " + Errors.describe(e));
            if (root.verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return RunContract.EXIT_ERROR;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KubectlSit.class.getPackage().getImplementationVersion();
            return new String[] {"kubectl-sit " + (v == null ? "dev" : v)};
        }
    }
}
