package io.dataops.sit.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl sit} as a CI job uses it: installed by {@code ./sit kubectl-plugin DIR} (with a throwaway HOME, so
 * the suite never writes into the user's), found by the real kubectl on PATH, pointed at the suite's cluster.
 */
public final class KubectlSit {

    private final Path kubectl;
    private final Path kubeconfig;
    private final Path bin;
    private final Path home;

    private KubectlSit(Path kubectl, Path kubeconfig, Path bin, Path home) {
        this.kubectl = kubectl;
        this.kubeconfig = kubeconfig;
        this.bin = bin;
        this.home = home;
    }

    public static KubectlSit install(Kubectl kubectl) {
        try {
            Path home = Files.createTempDirectory("sit-e2e-home");
            Path bin = home.resolve("bin");
            Command.run(
                            Map.of("HOME", home.toString()),
                            Duration.ofMinutes(10),
                            Repo.path("sit").toString(),
                            "kubectl-plugin",
                            bin.toString())
                    .orFail();
            return new KubectlSit(Kubectl.locate(), kubectl.kubeconfig(), bin, home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code kubectl sit ARGS}; the exit code is the caller's to check (0 passed, 1 failed, 2 error). */
    public Command.Result run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "sit"));
        command.addAll(List.of(args));
        return Command.run(
                Map.of(
                        "KUBECONFIG",
                        kubeconfig.toString(),
                        "HOME",
                        home.toString(),
                        "PATH",
                        bin + ":" + System.getenv("PATH")),
                timeout,
                null,
                command);
    }

    public Command.Result run(String... args) {
        return run(Duration.ofMinutes(2), args);
    }

    public Path bin() {
        return bin;
    }
}
