package io.dataops.sit.kubectl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** kubectl sit logs NAME [COMPONENT]: logs of the run's pods, live or from the evidence bundle. */
@Command(
        name = "logs",
        header = "Print the logs of a SitRun's pods (live, else from the evidence bundle).",
        description = {
            "Print the logs of every container of the pods in a SitRun's run namespace (only label "
                    + "sit.dataops.io/component=COMPONENT when given: runner, seed, broker, database, system). From the live run namespace; once it is gone "
                    + "or not readable, from the evidence bundle (pods whose name contains COMPONENT)."
        })
final class LogsCommand implements Callable<Integer> {

    @ParentCommand
    KubectlSit root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The SitRun.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "COMPONENT", description = "Only pods of this component.")
    String component;

    @Override
    public Integer call() {
        try (Kube kube = root.kube()) {
            new Logs(kube, spec.commandLine().getOut(), spec.commandLine().getErr())
                    .print(kube.sitRun(name), component);
            return 0;
        }
    }
}
