package io.dataops.sit.e2e.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The cluster the suite runs against, started once per test JVM: the local control plane from
 * {@code e2e/control-plane up}, or — unchanged suite, user's CI — any cluster named by SIT_E2E_KUBECONFIG
 * (kind, k3d, a real cluster). Also runs the operator as a process against it and installs the CRD.
 */
public final class E2EEnvironment implements AutoCloseable {

    private final boolean startedControlPlane;
    private final Kubectl kubectl;
    private final KubernetesClient client;
    private final OperatorProcess operator;

    private E2EEnvironment(boolean startedControlPlane, Path kubeconfig) {
        this.startedControlPlane = startedControlPlane;
        this.kubectl = new Kubectl(Kubectl.locate(), kubeconfig);
        this.client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(null, read(kubeconfig), kubeconfig.toString()))
                .build();
        this.operator = new OperatorProcess(kubeconfig);
    }

    static E2EEnvironment start() {
        String external = System.getenv("SIT_E2E_KUBECONFIG");
        E2EEnvironment env;
        if (external != null && !external.isBlank()) {
            env = new E2EEnvironment(false, Path.of(external));
        } else {
            env = new E2EEnvironment(true, controlPlaneUp());
        }
        env.kubectl.ok(
                "apply",
                "--server-side",
                "--force-conflicts",
                "-f",
                Repo.path("crds").toString());
        // Polled, not `kubectl wait`: that errors out instead of waiting while a new CRD has no conditions yet.
        Awaitility.await("SitRun CRD established")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> env.kubectl
                        .run(
                                "get",
                                "crd",
                                "sitruns.sit.dataops.io",
                                "-o",
                                "jsonpath={.status.conditions[?(@.type==\"Established\")].status}")
                        .stdout()
                        .strip()
                        .equals("True"));
        env.operator.start();
        return env;
    }

    /** Builds (first time only, cached by version) and starts the control plane; failures fail the suite. */
    private static Path controlPlaneUp() {
        Command.Result up = Command.run(
                Map.of(),
                Duration.ofMinutes(75),
                null,
                List.of(Repo.path("e2e/control-plane").toString(), "up"));
        if (!up.ok()) {
            throw new AssertionError(
                    "e2e/control-plane up failed (exit " + up.exitCode() + "):\n" + Command.tail(up.stderr(), 80));
        }
        String[] lines = up.stdout().strip().split("\n");
        String last = lines[lines.length - 1];
        if (!last.startsWith("export KUBECONFIG=")) {
            throw new AssertionError("control-plane up did not end with 'export KUBECONFIG=...': " + last);
        }
        // The project's images (operator, runner, stand-ins), built when stale and loaded onto the real node.
        Command.Result images = Command.run(
                Map.of(),
                Duration.ofMinutes(45),
                null,
                List.of(Repo.path("e2e/control-plane").toString(), "images"));
        if (!images.ok()) {
            throw new AssertionError("e2e/control-plane images failed (exit " + images.exitCode() + "):\n"
                    + Command.tail(images.stderr(), 80));
        }
        return Path.of(
                last.substring("export KUBECONFIG=".length()).replace("'", "").replace("\"", ""));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Kubectl kubectl() {
        return kubectl;
    }

    public KubernetesClient client() {
        return client;
    }

    public OperatorProcess operator() {
        return operator;
    }

    @Override
    public void close() {
        operator.stop();
        client.close();
        if (startedControlPlane && System.getenv("SIT_E2E_KEEP_CONTROL_PLANE") == null) {
            Command.Result down = Command.run(
                    Map.of(),
                    Duration.ofMinutes(2),
                    null,
                    List.of(Repo.path("e2e/control-plane").toString(), "down"));
            if (!down.ok()) {
                System.err.println("e2e/control-plane down failed:\n" + down.stderr());
            }
        }
    }
}
