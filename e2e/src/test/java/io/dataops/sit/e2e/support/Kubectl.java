package io.dataops.sit.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real kubectl, pointed at the suite's cluster. */
public final class Kubectl {

    private final Path binary;
    private final Path kubeconfig;

    Kubectl(Path binary, Path kubeconfig) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
    }

    /** SIT_E2E_KUBECTL, else the kubectl the control plane built for the pinned release, else kubectl on PATH. */
    static Path locate() {
        String explicit = System.getenv("SIT_E2E_KUBECTL");
        if (explicit != null) {
            return Path.of(explicit);
        }
        Path built = Repo.cacheDir()
                .resolve("k8s")
                .resolve(Repo.versions().get("KUBERNETES_VERSION"))
                .resolve("bin/kubectl");
        return Files.isExecutable(built) ? built : Path.of("kubectl");
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Command.Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs kubectl with {@code stdin} as its input (for {@code -f -}). */
    public Command.Result runWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return Command.run(Map.of("KUBECONFIG", kubeconfig.toString()), Duration.ofMinutes(3), stdin, command);
    }

    /** Runs and fails the test when kubectl fails; returns stdout. */
    public String ok(String... args) {
        return run(args).orFail().stdout();
    }

    public String apply(String namespace, String yaml) {
        return runWithInput(yaml, "apply", "-n", namespace, "-f", "-").orFail().stdout();
    }
}
