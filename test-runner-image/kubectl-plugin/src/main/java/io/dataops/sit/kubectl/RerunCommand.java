package io.dataops.sit.kubectl;

import io.dataops.sit.api.RunContract;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** kubectl sit rerun NAME: a fresh spec.rerunToken makes the operator run the SitRun again. */
@Command(
        name = "rerun",
        header = "Run a SitRun again (a fresh spec.rerunToken).",
        description = {
            "Run a SitRun again: sets spec.rerunToken to the current UTC time (a merge patch). "
                    + "With --wait, follows the new run like kubectl sit run and exits 0/1/2."
        })
final class RerunCommand implements Callable<Integer> {

    @ParentCommand
    KubectlSit root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The SitRun.")
    String name;

    @Option(names = "--wait", description = "Follow the new run to its end and print its results table.")
    boolean waitForEnd;

    @Option(
            names = "--timeout",
            defaultValue = "30m",
            converter = GoDuration.class,
            paramLabel = "DURATION",
            description = "With --wait: give up after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        try (Kube kube = root.kube()) {
            kube.sitRun(name); // a clear "not found" instead of a patch error
            String token = Rerun.request(kube, name);
            var err = spec.commandLine().getErr();
            err.println("sitrun/" + name + " rerun requested (spec.rerunToken=" + token + ")");
            err.flush();
            if (!waitForEnd) {
                return RunContract.EXIT_PASSED;
            }
            return new RunFlow(kube, spec.commandLine().getOut(), err)
                    .follow(name, timeout, Duration.ofSeconds(30), false, token, null, null, null);
        }
    }
}
