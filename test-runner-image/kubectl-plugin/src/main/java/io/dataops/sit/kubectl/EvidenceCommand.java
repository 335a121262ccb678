package io.dataops.sit.kubectl;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** kubectl sit evidence NAME -o DIR: the bundle kept in NAME.sit-evidence, one file per entry. */
@Command(
        name = "evidence",
        header = "Write the evidence bundle of a SitRun into a directory.",
        description = {
            "Write the evidence bundle of a SitRun (the ConfigMap <NAME>.sit-evidence next to the SitRun) into DIR, "
                    + "one file per entry: MANIFEST.txt, events.txt, pods.txt, jobs.txt, logs/<pod>/<container>.log, "
                    + "data/kafka/..., data/databases/...; prints the manifest's summary."
        })
final class EvidenceCommand implements Callable<Integer> {

    @ParentCommand
    KubectlSit root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The SitRun.")
    String name;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "DIR",
            description = "Directory to write into (created if missing).")
    Path dir;

    @Override
    public Integer call() {
        try (Kube kube = root.kube()) {
            Evidence evidence = Evidence.fetch(kube, kube.sitRun(name));
            var out = spec.commandLine().getOut();
            int written = evidence.writeTo(dir);
            out.println("wrote " + written + " files of " + evidence.configMap() + " into " + dir);
            out.print(evidence.summary());
            out.flush();
            return 0;
        }
    }
}
