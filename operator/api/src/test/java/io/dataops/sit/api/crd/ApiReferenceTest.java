package io.dataops.sit.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API reference rendered from the generated CRD: complete, and each field carries what the schema enforces. */
class ApiReferenceTest {

    private static String reference;
    private static JsonNode schema;

    @BeforeAll
    static void render() throws IOException {
        String crd = Files.readString(SitRunCrdTest.GENERATED);
        reference = ApiReference.render(crd);
        schema = PrinterColumnOrder.YAML.readTree(crd).at("/spec/versions/0/schema/openAPIV3Schema");
    }

    @Test
    void everyFieldOfTheSchemaHasARowInItsObjectsSection() {
        List<String> missing = new ArrayList<>();
        collectMissing("", schema, missing);
        assertThat(missing).as("fields without a row in the reference").isEmpty();
    }

    @Test
    void everyLinkPointsAtASection() {
        List<String> anchors = new ArrayList<>();
        Matcher heading = Pattern.compile("(?m)^## (.+)$").matcher(reference);
        while (heading.find()) {
            anchors.add(heading.group(1)
                    .toLowerCase()
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
        }
        Matcher link = Pattern.compile("\\]\\(#([^)]+)\\)").matcher(reference);
        List<String> broken = new ArrayList<>();
        while (link.find()) {
            if (!anchors.contains(link.group(1))) {
                broken.add(link.group(1));
            }
        }
        assertThat(broken).isEmpty();
        assertThat(anchors).doesNotHaveDuplicates();
    }

    @Test
    void fieldsShowTypeRequiredEnumBoundsAndRuleMessages() {
        String kafka = section("`.spec.brokers[].kafka`");
        assertThat(kafka)
                .contains(
                        "| `provider` | string |",
                        "One of: `auto`, `builtin`, `strimzi`.",
                        "| `replicas` | integer |",
                        "Value 1 to 9.",
                        "the builtin provider runs a single broker: replicas must be 1");
        String broker = section("`.spec.brokers[]`");
        assertThat(broker)
                .contains(
                        "| `name` *(required)* | string |",
                        "Length 1 to 40; matches `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`.");
        assertThat(section("`.spec`"))
                .contains("| `brokers` | [][object](#specbrokers) |", "Rules: broker names must be unique.");
        assertThat(section("SitRun")).contains("spec is required");
    }

    @Test
    void embeddedKubernetesTypesAreDescribedAndARepeatedObjectLinksBack() {
        assertThat(section("`.spec.runner.env[]`")).contains("| `name` | string | Name of the environment variable.");
        assertThat(section("`.spec.systems[].env[]`"))
                .contains("Same fields and rules as [`.spec.runner.env[]`](#specrunnerenv)")
                .doesNotContain("| Field |");
        assertThat(section("`.status.conditions[]`")).contains("| `reason` | string | reason contains");
    }

    @Test
    void schemaDefaultsListEnumsAndFormatsAreShownThoughTheSitRunCrdHasNoneToday() throws IOException {
        String crd = """
                spec:
                  group: example.io
                  names: {kind: Thing, plural: things, singular: thing}
                  scope: Cluster
                  versions:
                    - name: v1
                      schema:
                        openAPIV3Schema:
                          properties:
                            mode: {type: string, default: fast, description: How fast.}
                            days: {type: array, items: {type: string, enum: [mon, tue]}, maxItems: 2}
                            since: {type: string, format: date-time}
                """;
        String rendered = ApiReference.render(crd);
        assertThat(rendered)
                .contains(
                        "`apiVersion: example.io/v1`, `kind: Thing`: cluster, plural `things`.",
                        "| `mode` | string | How fast.<br>Default: `\"fast\"`. |",
                        "| `days` | []string | Each one of: `mon`, `tue`.<br>Items at most 2. |",
                        "| `since` | string (date-time) |  |");
    }

    @Test
    void cellTextCannotBreakTheTableOrHideAsHtml() {
        assertThat(ApiReference.text("a | b <namespace> `x|<y>` *z*"))
                .isEqualTo("a \\| b &lt;namespace&gt; `x\\|<y>` \\*z\\*");
        assertThat(ApiReference.text("one\n\ntwo\nthree")).isEqualTo("one<br><br>two three");
    }

    private static String section(String heading) {
        int start = reference.indexOf("\n## " + heading + "\n");
        assertThat(start).as("section %s", heading).isNotNegative();
        int end = reference.indexOf("\n## ", start + 1);
        return reference.substring(start, end < 0 ? reference.length() : end);
    }

    /** A field is listed when its object's section (or the section it repeats) has a row for it. */
    private static void collectMissing(String path, JsonNode node, List<String> missing) {
        JsonNode object = node;
        String title = path;
        while (!object.has("properties")) {
            if (object.has("items")) {
                object = object.get("items");
                title += "[]";
            } else if (object.path("additionalProperties").isObject()) {
                object = object.get("additionalProperties");
                title += "{}";
            } else {
                return;
            }
        }
        String body = section(title.isEmpty() ? "SitRun" : "`" + title + "`");
        Matcher sameAs =
                Pattern.compile("Same fields and rules as \\[(`[^`]+`)\\]").matcher(body);
        if (sameAs.find()) {
            // A repeated object's fields, and the objects below them, are listed where it first appears.
            title = sameAs.group(1).replace("`", "");
            body = section(sameAs.group(1));
        }
        for (Map.Entry<String, JsonNode> field : object.get("properties").properties()) {
            if (!body.contains("| `" + field.getKey() + "`")) {
                missing.add(title + "." + field.getKey());
            }
            collectMissing(title + "." + field.getKey(), field.getValue(), missing);
        }
    }
}
