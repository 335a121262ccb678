package io.dataops.sit.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;

/** Reading a SitRun the way a CI job does: through kubectl's jsonpath and wait. */
public final class SitRuns {

    private final Kubectl kubectl;

    public SitRuns(Kubectl kubectl) {
        this.kubectl = kubectl;
    }

    public String field(String namespace, String name, String jsonPath) {
        return kubectl.ok("get", "sitrun", name, "-n", namespace, "-o", "jsonpath={" + jsonPath + "}")
                .strip();
    }

    /** Phase, reason and message in one line, for assertion messages. */
    public String describe(String namespace, String name) {
        return field(namespace, name, ".status.phase") + " / " + field(namespace, name, ".status.reason") + ": "
                + field(namespace, name, ".status.message");
    }

    public String phase(String namespace, String name) {
        return field(namespace, name, ".status.phase");
    }

    public String condition(String namespace, String name, String type) {
        return field(namespace, name, ".status.conditions[?(@.type==\"" + type + "\")].status");
    }

    /** The run's namespace, once the operator reported it. */
    public String runNamespace(String namespace, String name) {
        Awaitility.await("status.namespace of " + name)
                .atMost(Duration.ofMinutes(1))
                .until(() -> !field(namespace, name, ".status.namespace").isEmpty());
        return field(namespace, name, ".status.namespace");
    }

    public void awaitPhase(String namespace, String name, String phase, Duration timeout) {
        Awaitility.await(name + " in phase " + phase)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(phase(namespace, name)).isEqualTo(phase));
    }

    /** {@code kubectl wait --for=condition=Finished}, exactly as documented for CI. */
    public void waitFinished(String namespace, String name) {
        kubectl.ok("wait", "--for=condition=Finished", "sitrun/" + name, "-n", namespace, "--timeout=180s");
    }

    /** Applies a SitRun file after removing a SitRun of the same name left by an earlier, interrupted run. */
    public void applyFresh(String namespace, String name, String yaml) {
        kubectl.ok("delete", "sitrun", name, "-n", namespace, "--ignore-not-found", "--timeout=180s");
        kubectl.apply(namespace, yaml);
    }

    public void createNamespace(String namespace) {
        if (!kubectl.run("get", "namespace", namespace).ok()) {
            kubectl.ok("create", "namespace", namespace);
        }
    }
}
