package io.dataops.sit.kubectl;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** kubectl sit run -f sitrun.yaml: apply, follow, print the table, write the reports, exit 0/1/2. */
@Command(
        name = "run",
        header = "Apply a SitRun, follow it, print its results, write its reports; exit 0/1/2.",
        description = {
            "Apply a SitRun (and the ConfigMaps in the same file), follow it to the end, print the results table and "
                    + "write the reports the operator kept in the cluster.",
            "Exit code: 0 Succeeded, 1 Failed, 2 Error, timeout or bad input (as ./sit run)."
        })
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    KubectlSit root;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-f", "--filename"},
            required = true,
            paramLabel = "FILE",
            description = "YAML with one SitRun (and optionally its ConfigMaps); - reads stdin.")
    String file;

    @Option(
            names = "--wait",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Follow the run to its end (default). --no-wait applies and returns 0; no reports then.")
    boolean waitForEnd;

    @Option(
            names = "--timeout",
            defaultValue = "30m",
            converter = GoDuration.class,
            paramLabel = "DURATION",
            description = "Give up waiting after this long (default ${DEFAULT-VALUE}; exit 2; the run goes on).")
    Duration timeout;

    @Option(
            names = "--report-timeout",
            defaultValue = "30s",
            converter = GoDuration.class,
            paramLabel = "DURATION",
            description =
                    "After the run ended, wait this long for the operator to publish the reports (default ${DEFAULT-VALUE}).")
    Duration reportTimeout;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the JUnit XML report here.")
    String junit;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON result here.")
    String json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here.")
    String html;

    @Override
    public Integer call() throws Exception {
        if (!waitForEnd && (junit != null || json != null || html != null)) {
            throw new UserError("--junit, --json and --html need the run to end: drop --no-wait");
        }
        try (Kube kube = root.kube()) {
            return new RunFlow(
                            kube,
                            spec.commandLine().getOut(),
                            spec.commandLine().getErr())
                    .run(file, waitForEnd, timeout, reportTimeout, junit, json, html);
        }
    }
}
