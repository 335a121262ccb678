package io.dataops.sit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * examples/gitops/flux/pull-request-sitruns.yaml rendered without Flux: the ResourceSet's resources with a
 * GitHubPullRequest provider's inputs substituted the way the Flux Operator documents it ({@code << inputs.x >>},
 * slim-sprig functions in pipelines), then the SitRun validated against the committed CRD schema.
 */
class FluxExampleTest {

    private static final Path EXAMPLE = DeployFiles.ROOT.resolve("examples/gitops/flux/pull-request-sitruns.yaml");
    private static final Path CRD = DeployFiles.ROOT.resolve("crds/sitruns.sit.dataops.io-v1.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern TEMPLATE = Pattern.compile("<<\\s*(.*?)\\s*>>");

    /** What ResourceSetInputProvider type GitHubPullRequest exports per PR (status.exportedInputs). */
    private static final Map<String, String> PR_42 = Map.of(
            "id",
            "42",
            "sha",
            "bf5d6e01cf802734853f6f3417b237e3ad0ba35d",
            "branch",
            "feature/orders",
            "author",
            "someone",
            "title",
            "Orders: accept amounts in cents");

    private static final Map<String, String> PR_42_NEXT_PUSH = Map.of(
            "id",
            "42",
            "sha",
            "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
            "branch",
            "feature/orders",
            "author",
            "someone",
            "title",
            "Orders: accept amounts in cents");

    @Test
    void eachPushRendersASitRunInThePullRequestsGroupThatCancelsTheOlderOne() throws Exception {
        JsonNode run = sitRun(render(PR_42));
        JsonNode next = sitRun(render(PR_42_NEXT_PUSH));

        assertThat(run.at("/metadata/name").asText()).isEqualTo("orders-pr-42-bf5d6e0");
        assertThat(run.at("/spec/concurrency/group").asText()).isEqualTo("orders-pr-42");
        assertThat(run.at("/spec/concurrency/policy").asText()).isEqualTo("CancelRunning");
        assertThat(run.at("/spec/rerunToken").asText()).isEqualTo(PR_42.get("sha"));
        assertThat(run.at("/spec/systems/0/image").asText()).endsWith(":" + PR_42.get("sha"));
        assertThat(run.at("/metadata/labels/sit.dataops.io~1pull-request").asText())
                .isEqualTo("42");

        // a new push: a new SitRun (the older one is superseded, not overwritten) in the same group
        assertThat(next.at("/metadata/name").asText())
                .isNotEqualTo(run.at("/metadata/name").asText());
        assertThat(next.at("/spec/concurrency")).isEqualTo(run.at("/spec/concurrency"));
        // ...and Flux leaves the older one to the operator (supersession, history limit) instead of deleting it
        assertThat(run.at("/metadata/annotations/fluxcd.controlplane.io~1prune").asText())
                .isEqualTo("disabled");
    }

    @Test
    void theRenderedSitRunMatchesTheCrdSchema() throws Exception {
        JsonSchema schema = crdSchema();
        for (Map<String, String> inputs : List.of(PR_42, PR_42_NEXT_PUSH)) {
            JsonNode run = sitRun(render(inputs));
            assertThat(run.path("apiVersion").asText()).isEqualTo("sit.dataops.io/v1alpha1");
            Set<ValidationMessage> errors = schema.validate(body(run));
            assertThat(errors)
                    .as("schema errors of %s", run.at("/metadata/name").asText())
                    .isEmpty();
        }
    }

    @Test
    void theSchemaCheckRejectsWhatTheApiServerWould() throws Exception {
        ObjectNode run = (ObjectNode) sitRun(render(PR_42)).deepCopy();
        ((ObjectNode) run.at("/spec/concurrency"))
                .put("policy", "CancelInProgress")
                .put("group", "Orders PR 42");
        ((ObjectNode) run.path("spec")).put("rerunTokn", "x");

        List<String> errors = crdSchema().validate(body(run)).stream()
                .map(ValidationMessage::getMessage)
                .toList();

        assertThat(String.join("\n", errors)).contains("policy", "group", "rerunTokn");
    }

    @Test
    void thePullRequestSuppliesOnlyItsNumberAndHeadSha() throws Exception {
        String resources = YAML.writeValueAsString(document("ResourceSet").at("/spec/resources"));
        Set<String> used = new TreeSet<>();
        Matcher template = TEMPLATE.matcher(Files.readString(EXAMPLE));
        while (template.find()) {
            used.add(template.group(1).split("\\s*\\|")[0].strip());
        }
        assertThat(used).containsExactlyInAnyOrder("inputs.id", "inputs.sha");
        assertThat(resources).doesNotContain("inputs.branch", "inputs.title", "inputs.author");
    }

    @Test
    void theResourceSetCreatesOnlySitRunsAndConfigMapsInSitRunsAsItsOwnServiceAccount() throws Exception {
        JsonNode set = document("ResourceSet");
        JsonNode provider = document("ResourceSetInputProvider");
        assertThat(provider.at("/spec/type").asText()).isEqualTo("GitHubPullRequest");
        assertThat(provider.at("/spec/filter/labels/0").asText())
                .as("only PRs a maintainer labelled")
                .isEqualTo("sit");
        assertThat(set.at("/spec/inputsFrom/0/kind").asText()).isEqualTo("ResourceSetInputProvider");
        assertThat(set.at("/spec/inputsFrom/0/name").asText())
                .isEqualTo(provider.at("/metadata/name").asText());

        List<String> kinds = new ArrayList<>();
        for (JsonNode resource : render(PR_42)) {
            kinds.add(resource.path("kind").asText());
            assertThat(resource.at("/metadata/namespace").asText()).isEqualTo("sit-runs");
        }
        assertThat(kinds).containsExactlyInAnyOrder("ConfigMap", "SitRun");

        String serviceAccount = set.at("/spec/serviceAccountName").asText();
        assertThat(serviceAccount).isNotBlank();
        JsonNode binding = document("RoleBinding");
        assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(serviceAccount);
        assertThat(binding.at("/roleRef/kind").asText())
                .as("namespaced, not a ClusterRole")
                .isEqualTo("Role");
        List<String> resources = new ArrayList<>();
        document("Role")
                .path("rules")
                .forEach(rule -> rule.path("resources")
                        .forEach(r -> resources.add(rule.at("/apiGroups/0").asText() + "/" + r.asText())));
        assertThat(resources).containsExactlyInAnyOrder("sit.dataops.io/sitruns", "/configmaps");
    }

    @Test
    void anUnsupportedTemplateFunctionFailsTheRenderingInsteadOfPassingThrough() {
        assertThatThrownBy(() -> substitute("name: << inputs.title | lower >>", PR_42))
                .hasMessageContaining("lower");
    }

    /**
     * The ResourceSet's resources for one input set. Flux renders each resource with Go text/template, delimiters
     * {@code << >>}, slim-sprig functions; the example uses two of them ({@code quote}, {@code trunc}), which this
     * applies; any other fails here rather than slip through unrendered. commonMetadata labels are added as Flux does.
     */
    private static List<JsonNode> render(Map<String, String> inputs) throws Exception {
        JsonNode set = YAML.readTree(substitute(resourceSetText(), inputs));
        List<JsonNode> rendered = new ArrayList<>();
        for (JsonNode resource : set.at("/spec/resources")) {
            ObjectNode copy = resource.deepCopy();
            ObjectNode labels = copy.withObjectProperty("metadata").withObjectProperty("labels");
            set.at("/spec/commonMetadata/labels")
                    .fields()
                    .forEachRemaining(label -> labels.set(label.getKey(), label.getValue()));
            rendered.add(copy);
        }
        return rendered;
    }

    private static String resourceSetText() throws Exception {
        for (String document : Files.readString(EXAMPLE).split("(?m)^---$")) {
            if (document.contains("\nkind: ResourceSet\n")) {
                return document;
            }
        }
        throw new AssertionError("no ResourceSet in " + EXAMPLE);
    }

    static String substitute(String text, Map<String, String> inputs) {
        Matcher template = TEMPLATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (template.find()) {
            String[] pipeline = template.group(1).split("\\s*\\|\\s*");
            String key = pipeline[0].strip();
            assertThat(key).startsWith("inputs.");
            String value = inputs.get(key.substring("inputs.".length()));
            assertThat(value).as("input %s", key).isNotNull();
            for (int i = 1; i < pipeline.length; i++) {
                String[] call = pipeline[i].strip().split("\\s+");
                value = switch (call[0]) {
                    case "quote" -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                    case "trunc" -> value.substring(0, Math.min(value.length(), Integer.parseInt(call[1])));
                    default ->
                        throw new IllegalArgumentException("template function " + call[0]
                                + " is not rendered by this test: add it to FluxExampleTest.substitute");
                };
            }
            template.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        template.appendTail(out);
        return out.toString();
    }

    /** The object without apiVersion, kind and metadata, which the API server checks itself (not in the CRD). */
    private static JsonNode body(JsonNode object) {
        ObjectNode body = object.deepCopy();
        body.remove(List.of("apiVersion", "kind", "metadata"));
        return body;
    }

    private static JsonNode sitRun(List<JsonNode> resources) {
        return resources.stream()
                .filter(r -> r.path("kind").asText().equals("SitRun"))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode document(String kind) throws Exception {
        return DeployFiles.documents(EXAMPLE).stream()
                .filter(d -> DeployFiles.kind(d).equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + EXAMPLE));
    }

    /**
     * The CRD's openAPIV3Schema as a JSON schema with the API server's structural rules: an object without
     * x-kubernetes-preserve-unknown-fields refuses fields it does not declare (kubectl --validate=strict), and
     * x-kubernetes-int-or-string takes either.
     */
    private static JsonSchema crdSchema() throws Exception {
        JsonNode openApi = YAML.readTree(CRD.toFile())
                .at("/spec/versions/0/schema/openAPIV3Schema")
                .deepCopy();
        structural(openApi);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi);
    }

    private static void structural(JsonNode node) {
        if (node instanceof ObjectNode schema) {
            if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
                schema.remove("type");
                ArrayNode anyOf = schema.putArray("anyOf");
                anyOf.addObject().put("type", "integer");
                anyOf.addObject().put("type", "string");
            }
            if (schema.has("properties")
                    && !schema.has("additionalProperties")
                    && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                schema.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> children = schema.elements(); children.hasNext(); ) {
                structural(children.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(FluxExampleTest::structural);
        }
    }
}
