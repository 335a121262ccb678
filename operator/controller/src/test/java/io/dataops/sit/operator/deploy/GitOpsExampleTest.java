package io.dataops.sit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/gitops/applicationset.yaml: a pull request's author gets a SitRun, nothing more. The chart comes from a
 * trusted revision, only the PR number and head SHA come from the PR, and the Applications live in an AppProject
 * that may only sync SitRuns and ConfigMaps into one namespace.
 */
class GitOpsExampleTest {

    private static final Path EXAMPLE = DeployFiles.ROOT.resolve("examples/gitops/applicationset.yaml");

    @Test
    void appProjectAllowsOnlySitRunsAndConfigMapsInOneNamespace() throws Exception {
        JsonNode project = document("AppProject").path("spec");
        assertThat(project.path("destinations")).hasSize(1);
        assertThat(project.path("destinations").get(0).path("namespace").asText())
                .isEqualTo("sit-runs");
        assertThat(project.path("destinations").get(0).path("namespace").asText())
                .doesNotContain("*");
        assertThat(project.path("clusterResourceWhitelist").isArray()).isTrue();
        assertThat(project.path("clusterResourceWhitelist")).isEmpty();
        List<String> kinds = new ArrayList<>();
        project.path("namespaceResourceWhitelist")
                .forEach(k -> kinds.add(
                        k.path("group").asText() + "/" + k.path("kind").asText()));
        assertThat(kinds).containsExactlyInAnyOrder("sit.dataops.io/SitRun", "/ConfigMap");
        assertThat(project.path("sourceRepos")).hasSize(1);
        assertThat(project.path("sourceRepos").get(0).asText()).doesNotContain("*");
    }

    @Test
    void applicationsRenderTheTrustedRevisionWithOnlyNumberAndHeadShaFromThePullRequest() throws Exception {
        JsonNode set = document("ApplicationSet").path("spec");
        JsonNode app = set.path("template").path("spec");
        assertThat(app.path("project").asText())
                .isEqualTo(document("AppProject").path("metadata").path("name").asText());
        assertThat(app.path("source").path("targetRevision").asText()).isEqualTo("main");
        assertThat(app.path("source").path("repoURL").asText()).doesNotContain("{{");
        assertThat(app.path("source").path("path").asText()).doesNotContain("{{");
        List<String> parameters = new ArrayList<>();
        app.path("source")
                .path("helm")
                .path("parameters")
                .forEach(p -> parameters.add(p.path("name").asText()));
        assertThat(parameters).containsExactly("pullRequest", "headSha");
        assertThat(app.path("source").path("helm").has("values")).isFalse();
        assertThat(app.path("source").path("helm").has("valuesObject")).isFalse();
        assertThat(app.path("syncPolicy").path("syncOptions").toString()).doesNotContain("CreateNamespace");

        JsonNode generator = set.path("generators").get(0).path("pullRequest");
        assertThat(generator.path("github").path("labels").get(0).asText())
                .as("only PRs a maintainer labelled")
                .isEqualTo("sit");
        assertThat(generator.path("filters").get(0).path("targetBranchMatch").asText())
                .isEqualTo("^main$");
    }

    @Test
    void chartRefusesAHeadShaOrNumberThatIsNotOne() throws Exception {
        String template =
                Files.readString(DeployFiles.ROOT.resolve("examples/gitops/sitrun-chart/templates/sitrun.yaml"));
        assertThat(template)
                .contains(
                        "regexMatch \"^[0-9a-f]{40}$\" (toString .Values.headSha)",
                        "regexMatch \"^[0-9]{1,10}$\" (toString .Values.pullRequest)");
        assertThat(template).doesNotContain(".Values.branch");
    }

    private static JsonNode document(String kind) throws Exception {
        return DeployFiles.documents(EXAMPLE).stream()
                .filter(d -> DeployFiles.kind(d).equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + EXAMPLE));
    }
}
