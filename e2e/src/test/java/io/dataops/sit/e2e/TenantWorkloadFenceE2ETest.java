package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.SitRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8, workload fence, as a tenant meets it: a user bound only to create SitRuns and ConfigMaps in their
 * namespace (kubectl --as) tries to run a foreign image, to hijack the runner's JVM or API identity, and to
 * replace the operator's ConfigMaps; each attempt is an API rejection or an Error with a reason. The runner's
 * ServiceAccount is then asked, by the API server's own authorizer, what it may do in a real run namespace.
 */
@ExtendWith(E2EExtension.class)
class TenantWorkloadFenceE2ETest {

    static final String NS = "e2e-tenant-a";
    static final String TENANT = "tenant-a";
    static Kubectl kubectl;
    static KubernetesClient client;
    static SitRuns sitRuns;

    @BeforeAll
    static void tenantWhoMayOnlyCreateSitRunsAndConfigMaps(E2EEnvironment env) {
        kubectl = env.kubectl();
        client = env.client();
        sitRuns = new SitRuns(kubectl);
        sitRuns.createNamespace(NS);
        kubectl.apply(NS, """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: { name: sitrun-author }
                rules:
                  - { apiGroups: [sit.dataops.io], resources: [sitruns], verbs: [create, get, list, watch, delete] }
                  - { apiGroups: [""], resources: [configmaps], verbs: [create, get, list, delete] }
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: { name: sitrun-author-tenant-a }
                roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: sitrun-author }
                subjects: [ { apiGroup: rbac.authorization.k8s.io, kind: User, name: tenant-a } ]
                """);
        // The tenant brings its own features, as it may.
        asTenant(FEATURES, "apply", "-n", NS, "-f", "-").orFail();
    }

    /** kubectl as the tenant, with {@code stdin} (YAML, or null) as its input. */
    static Command.Result asTenant(String stdin, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--as=" + TENANT;
        System.arraycopy(args, 0, all, 1, args.length);
        return kubectl.runWithInput(stdin, all);
    }

    static final String FEATURES = """
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: tenant-features }
            data:
              smoke.feature: |
                Feature: smoke
                  Scenario: nothing
                    Given sample data is loaded from: data.json
            """;

    static String sitRun(String name, String spec) {
        return """
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: %s
                spec:
                %s
                """.formatted(name, spec.indent(2));
    }

    @Test
    void theTenantCannotReachTheRunNamespaceDirectly() {
        assertThat(asTenant(null, "auth", "can-i", "create", "sitruns", "-n", NS)
                        .stdout()
                        .strip())
                .isEqualTo("yes");
        assertThat(asTenant(null, "auth", "can-i", "create", "jobs", "-n", NS)
                        .stdout()
                        .strip())
                .isEqualTo("no");
        assertThat(asTenant(null, "auth", "can-i", "create", "pods", "-n", "sit-anything")
                        .stdout()
                        .strip())
                .isEqualTo("no");
    }

    @Test
    void aForeignRunnerImageEndsTheRunWithImageNotAllowedAndNoNamespace() {
        String name = "foreign-runner";
        asTenant(sitRun(name, """
                runner:
                  image: docker.io/attacker/privileged-runner:1
                  features: { configMapRef: { name: tenant-features } }
                """), "apply", "-n", NS, "-f", "-").orFail();
        sitRuns.awaitPhase(NS, name, "Error", Duration.ofMinutes(1));
        assertThat(sitRuns.field(NS, name, ".status.reason")).isEqualTo("ImageNotAllowed");
        assertThat(sitRuns.field(NS, name, ".status.message"))
                .contains("spec.runner.image", "docker.io/attacker/privileged-runner:1");
        assertThat(client.namespaces().withLabel(Labels.RUN, name).list().getItems())
                .isEmpty();
    }

    @Test
    void aJavaAgentInTheRunnerEnvIsRejectedByTheApiServer() {
        Command.Result result = asTenant(sitRun("agent", """
                runner:
                  features: { configMapRef: { name: tenant-features } }
                  env: [ { name: JAVA_TOOL_OPTIONS, value: "-javaagent:/sit/configmaps/tenant-features/agent.jar" } ]
                """), "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("spec.runner.env", "runner.env may not set");
    }

    @Test
    void aSystemReadingTheRunsAwsSecretIsRejectedByTheApiServer() {
        Command.Result result = asTenant(sitRun("steal", """
                runner: { features: { configMapRef: { name: tenant-features } } }
                systems:
                  - name: app
                    image: example/app:1
                    env: [ { name: CREDS, valueFrom: { secretKeyRef: { name: sit-aws-credentials, key: credentials } } } ]
                """), "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("spec.systems[0].env", "valueFrom may not reference");
    }

    @Test
    void aReservedConfigMapNameIsRejectedByTheApiServer() {
        Command.Result result = asTenant(sitRun("reserved", """
                runner: { features: { configMapRef: { name: sit-results } } }
                """), "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("spec.runner.features.configMapRef.name", "reserved for the operator");
    }

    @Test
    void theRunnerMayOnlyWriteItsResultsAndScaleTheRunsOwnSystems() {
        String name = "fenced-run";
        asTenant(sitRun(name, """
                runner: { features: { configMapRef: { name: tenant-features } } }
                systems: [ { name: app, image: example/app:1 } ]
                """), "apply", "-n", NS, "-f", "-").orFail();
        String runNs = sitRuns.runNamespace(NS, name);
        Awaitility.await("runner Role in " + runNs)
                .atMost(Duration.ofMinutes(1))
                .until(() -> client.rbac()
                                        .roles()
                                        .inNamespace(runNs)
                                        .withName("sit-runner")
                                        .get()
                                != null
                        && client.rbac()
                                        .roleBindings()
                                        .inNamespace(runNs)
                                        .list()
                                        .getItems()
                                        .size()
                                > 0);
        String runner = "--as=system:serviceaccount:" + runNs + ":sit-runner";

        // What the step library needs, pinned to names.
        assertThat(canI(runner, runNs, "update", "configmaps/sit-results")).isEqualTo("yes");
        assertThat(canI(runner, runNs, "get", "deployments/app")).isEqualTo("yes");
        assertThat(canI(runner, runNs, "patch", "deployments/app", "--subresource=scale"))
                .isEqualTo("yes");
        // The findings of issue 8: no pod of its own making, no pod template changed, nothing else read.
        assertThat(canI(runner, runNs, "create", "jobs")).isEqualTo("no");
        assertThat(canI(runner, runNs, "create", "pods")).isEqualTo("no");
        assertThat(canI(runner, runNs, "patch", "deployments/app")).isEqualTo("no");
        assertThat(canI(runner, runNs, "list", "deployments")).isEqualTo("no");
        assertThat(canI(runner, runNs, "get", "deployments/other")).isEqualTo("no");
        assertThat(canI(runner, runNs, "update", "configmaps/sit-run")).isEqualTo("no");
        assertThat(canI(runner, runNs, "get", "secrets")).isEqualTo("no");
        // Pods without a need for the API server carry no token.
        Awaitility.await("system Deployment in " + runNs)
                .atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName("app")
                                .get())
                        .isNotNull());
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(runNs)
                        .withName("app")
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getAutomountServiceAccountToken())
                .isFalse();
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
    }

    private static String canI(String as, String namespace, String verb, String resource, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = as;
        args[1] = "auth";
        args[2] = "can-i";
        args[3] = verb;
        args[4] = resource;
        System.arraycopy(more, 0, args, 5, more.length);
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "-n";
        all[args.length + 1] = namespace;
        // can-i exits 1 for "no": read the answer, not the exit code.
        return kubectl.run(all).stdout().strip();
    }
}
