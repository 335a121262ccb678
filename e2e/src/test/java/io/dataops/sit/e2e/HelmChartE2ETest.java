package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * deploy/helm/sit-operator/ rendered by a real helm (e2e/versions.env HELM_VERSION, built by
 * control-plane-build/build.sh helm): it lints, renders, is accepted by the API server (server-side dry run),
 * and installs exactly what deploy/operator.yaml installs, compared as parsed objects.
 *
 * <p>Differences the chart is allowed (and the only ones): deploy/operator.yaml also creates the Namespace
 * {@code sit-system}; the chart leaves it to {@code helm install --namespace sit-system --create-namespace}
 * (deploy/README.md, 2b). Helm's {@code # Source:} comments vanish in parsing.
 */
@ExtendWith(E2EExtension.class)
class HelmChartE2ETest {

    static final String CHART = "deploy/helm/sit-operator";
    static final String NAMESPACE = "sit-system";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Kubectl kubectl;
    static Path helm;
    static boolean createdNamespace;

    @BeforeAll
    static void setUp(E2EEnvironment env) {
        kubectl = env.kubectl();
        helm = locateHelm();
        // The chart's namespaced objects name sit-system; a server-side dry run needs it to exist (as
        // --create-namespace would make it). InstallManifestE2ETest deletes it without waiting: wait for that.
        kubectl.run("wait", "--for=delete", "namespace/" + NAMESPACE, "--timeout=120s");
        if (!kubectl.run("get", "namespace", NAMESPACE).ok()) {
            kubectl.ok("create", "namespace", NAMESPACE);
            createdNamespace = true;
        }
    }

    @AfterAll
    static void tearDown() {
        if (createdNamespace) {
            // waits, so a later class applying deploy/operator.yaml never meets a Terminating namespace
            kubectl.run("delete", "namespace", NAMESPACE, "--timeout=120s");
        }
    }

    /** SIT_E2E_HELM, else the pinned helm, built (or found in the cache) by control-plane-build/build.sh. */
    static Path locateHelm() {
        String explicit = System.getenv("SIT_E2E_HELM");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path built = Repo.cacheDir()
                .resolve("helm")
                .resolve(Repo.versions().get("HELM_VERSION"))
                .resolve("bin/helm");
        if (!Files.isExecutable(built)) {
            Command.run(
                            Map.of(),
                            Duration.ofMinutes(30),
                            null,
                            List.of(
                                    Repo.path("e2e/control-plane-build/build.sh")
                                            .toString(),
                                    "helm"))
                    .orFail();
        }
        return built;
    }

    static Command.Result helm(String... args) {
        List<String> command = new ArrayList<>();
        command.add(helm.toString());
        command.addAll(List.of(args));
        // helm's own state (repositories, plugins, cache) stays under target/, not in the user's home.
        Path home = Repo.path("e2e/target/helm-home");
        return Command.run(
                Map.of(
                        "HELM_CACHE_HOME",
                        home.resolve("cache").toString(),
                        "HELM_CONFIG_HOME",
                        home.resolve("config").toString(),
                        "HELM_DATA_HOME",
                        home.resolve("data").toString()),
                Duration.ofMinutes(2),
                null,
                command);
    }

    static String template(String... extra) {
        List<String> args = new ArrayList<>(
                List.of("template", "sit-operator", Repo.path(CHART).toString(), "--namespace", NAMESPACE));
        args.addAll(List.of(extra));
        return helm(args.toArray(String[]::new)).orFail().stdout();
    }

    /** apiVersion/kind/namespace/name -> the object, for every document of a multi-document YAML. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> objects(String yaml) {
        Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
        try (var docs = YAML.readerFor(Map.class).<Map<String, Object>>readValues(yaml)) {
            while (docs.hasNext()) {
                Map<String, Object> doc = docs.next();
                if (doc == null || doc.isEmpty()) {
                    continue;
                }
                Map<String, Object> meta = (Map<String, Object>) doc.get("metadata");
                String key = doc.get("apiVersion") + "/" + doc.get("kind") + " "
                        + (meta.get("namespace") == null ? "" : meta.get("namespace") + "/") + meta.get("name");
                assertThat(objects.put(key, doc)).as("duplicate object %s", key).isNull();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    static Map<String, Map<String, Object>> installManifest() {
        try {
            return objects(Files.readString(Repo.path("deploy/operator.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> deployment) {
        Map<String, Object> spec = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template")).get("spec");
        List<Map<String, Object>> containers = (List<Map<String, Object>>) spec.get("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    @Test
    void lintsCleanStrictly() {
        Command.Result lint =
                helm("lint", "--strict", Repo.path(CHART).toString()).orFail();
        assertThat(lint.stdout())
                .contains("0 chart(s) failed")
                .doesNotContain("[WARNING]")
                .doesNotContain("[ERROR]");
    }

    @Test
    void rendersTheInstallManifestObjectForObject() {
        Map<String, Map<String, Object>> chart = objects(template());
        Map<String, Map<String, Object>> manifest = installManifest();

        // the one documented chart-only difference: no Namespace object
        String namespaceKey = "v1/Namespace " + NAMESPACE;
        assertThat(manifest).containsKey(namespaceKey);
        manifest.remove(namespaceKey);

        assertThat(chart.keySet()).as("kinds and names").containsExactlyInAnyOrderElementsOf(manifest.keySet());
        // The parts a reader cares about first, so a difference there reads plainly...
        for (String key : manifest.keySet()) {
            if (key.contains("/ClusterRole ") || key.contains("/Role ")) {
                assertThat(chart.get(key).get("rules"))
                        .as("RBAC rules of %s", key)
                        .isEqualTo(manifest.get(key).get("rules"));
            }
            if (key.contains("Binding ")) {
                assertThat(chart.get(key).get("roleRef"))
                        .as("roleRef of %s", key)
                        .isEqualTo(manifest.get(key).get("roleRef"));
                assertThat(chart.get(key).get("subjects"))
                        .as("subjects of %s", key)
                        .isEqualTo(manifest.get(key).get("subjects"));
            }
        }
        String deployment = "apps/v1/Deployment " + NAMESPACE + "/sit-operator";
        Map<String, Object> chartContainer = container(chart.get(deployment));
        Map<String, Object> manifestContainer = container(manifest.get(deployment));
        assertThat(chartContainer.get("image")).as("image").isEqualTo(manifestContainer.get("image"));
        assertThat(chartContainer.get("env")).as("env").isEqualTo(manifestContainer.get("env"));
        // ...then everything else, field for field (probes, ports, resources, labels, annotations, Service).
        for (String key : manifest.keySet()) {
            assertThat(chart.get(key)).as("chart's %s", key).isEqualTo(manifest.get(key));
        }
    }

    @Test
    void theReadmesInstallValuesReachTheDeployment() {
        // deploy/README.md 2b: --set app.image, app.envs.SIT_RUNNER_IMAGE, app.envs.QUARKUS_..._NAMESPACES
        Map<String, Map<String, Object>> chart = objects(template(
                "--set", "app.image=registry.example/sit-operator:9.9.9",
                "--set", "app.envs.SIT_RUNNER_IMAGE=registry.example/sit-runner:9.9.9",
                "--set", "app.envs.QUARKUS_OPERATOR_SDK_CONTROLLERS_SITRUN_NAMESPACES=team-a\\,team-b"));
        Map<String, Object> container = container(chart.get("apps/v1/Deployment " + NAMESPACE + "/sit-operator"));
        assertThat(container.get("image")).isEqualTo("registry.example/sit-operator:9.9.9");
        assertThat(container.get("env").toString())
                .contains("{name=SIT_RUNNER_IMAGE, value=registry.example/sit-runner:9.9.9}")
                .contains("{name=QUARKUS_OPERATOR_SDK_CONTROLLERS_SITRUN_NAMESPACES, value=team-a,team-b}");
    }

    @Test
    void anySettingCanBeSetAsAnEnvValue() {
        // deploy/README.md, Configuration: `--set app.envs.NAME=value` for every setting, not only the two
        // env vars values.yaml lists.
        Map<String, Map<String, Object>> chart = objects(template("--set", "app.envs.SIT_TIMEOUT_DEFAULT=5m"));
        Map<String, Object> container = container(chart.get("apps/v1/Deployment " + NAMESPACE + "/sit-operator"));
        assertThat(container.get("env").toString())
                .contains("{name=SIT_TIMEOUT_DEFAULT, value=5m}")
                .contains("{name=KUBERNETES_NAMESPACE, valueFrom={fieldRef={fieldPath=metadata.namespace}}}");
    }

    @Test
    void valuesSchemaRefusesAWronglyTypedValue() {
        Command.Result bad =
                helm("template", "sit-operator", Repo.path(CHART).toString(), "--set-string", "app.ports.http=eighty");
        assertThat(bad.ok())
                .as("helm template with app.ports.http=eighty:\n%s", bad.stdout())
                .isFalse();
        assertThat(bad.stderr()).contains("values don't meet the specifications of the schema");
    }

    @Test
    void theApiServerAcceptsTheRenderedChart() {
        Command.Result dryRun =
                kubectl.runWithInput(template(), "apply", "--dry-run=server", "--validate=strict", "-f", "-");
        dryRun.orFail();
        assertThat(dryRun.stdout()
                        .lines()
                        .filter(l -> l.endsWith("(server dry run)"))
                        .count())
                .as("objects accepted:\n%s", dryRun.stdout())
                .isEqualTo(installManifest().size() - 1);
    }
}
