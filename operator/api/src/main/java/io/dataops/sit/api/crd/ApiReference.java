package io.dataops.sit.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Renders the CRD as a Markdown API reference (docs/api-reference.md): one section per object of the schema, each
 * field with its type, whether it is required, its default, allowed values, validation (bounds, patterns and the
 * messages of the CEL rules the API server checks) and description. It reads only the CRD, so the reference says
 * exactly what the API server enforces and {@code kubectl explain} prints; SitRunCrdTest keeps it in step.
 */
public final class ApiReference {

    private static final Pattern INTEGRAL = Pattern.compile("-?[0-9]+(\\.0+)?");

    private final List<Section> sections = new ArrayList<>();
    private final Map<JsonNode, Section> sectionsBySchema = new HashMap<>();
    private final Map<String, Integer> anchors = new HashMap<>();

    private record Section(
            String title, String anchor, int depth, String description, JsonNode schema, Section sameAs) {}

    private ApiReference() {}

    public static String render(String crdYaml) throws IOException {
        JsonNode crd = PrinterColumnOrder.YAML.readTree(crdYaml);
        StringBuilder out = new StringBuilder();
        JsonNode names = crd.at("/spec/names");
        String group = crd.at("/spec/group").asText();
        out.append("# ")
                .append(names.path("kind").asText())
                .append(" API reference\n\n")
                .append("<!-- Generated from crds/ by the build (ApiReference, kept in step by SitRunCrdTest); "
                        + "do not edit by hand. -->\n\n");
        for (JsonNode version : crd.at("/spec/versions")) {
            new ApiReference().renderVersion(out, crd, group, version);
        }
        return out.toString();
    }

    private void renderVersion(StringBuilder out, JsonNode crd, String group, JsonNode version) {
        JsonNode names = crd.at("/spec/names");
        out.append("`apiVersion: ")
                .append(group)
                .append('/')
                .append(version.path("name").asText())
                .append("`, `kind: ")
                .append(names.path("kind").asText())
                .append("`: ")
                .append(crd.at("/spec/scope").asText().toLowerCase())
                .append(", plural `")
                .append(names.path("plural").asText())
                .append('`');
        if (names.has("shortNames")) {
            out.append(", short names ").append(join(names.get("shortNames"), n -> "`" + n.asText() + "`"));
        }
        if (version.at("/subresources/status").isObject()) {
            out.append("; `status` is a subresource (written by the operator only)");
        }
        out.append(".\n\nEach section is one object of the schema, named by its path: `[]` marks the items of a list, "
                + "`{}` the values of a map. *Rules* are the API server's validation rules (CEL): a SitRun that breaks "
                + "one is refused with the message shown. The descriptions are those `kubectl explain "
                + names.path("singular").asText() + ".<path>` prints.\n\n");
        renderPrinterColumns(out, version);
        collect(names.path("kind").asText(), 0, null, version.at("/schema/openAPIV3Schema"));
        out.append("## Objects\n\n");
        for (Section section : sections) {
            out.append("  ".repeat(section.depth))
                    .append("- [")
                    .append(section.title)
                    .append("](#")
                    .append(section.anchor)
                    .append(")\n");
        }
        out.append('\n');
        sections.forEach(section -> renderSection(out, section));
    }

    private static void renderPrinterColumns(StringBuilder out, JsonNode version) {
        JsonNode columns = version.path("additionalPrinterColumns");
        if (columns.isEmpty()) {
            return;
        }
        out.append("## Columns of `kubectl get`\n\n| Column | Value | Shown |\n| --- | --- | --- |\n");
        for (JsonNode column : columns) {
            out.append("| ")
                    .append(column.path("name").asText())
                    .append(" | `")
                    .append(column.path("jsonPath").asText())
                    .append("` | ")
                    .append(column.path("priority").asInt() == 0 ? "always" : "with `-o wide`")
                    .append(" |\n");
        }
        out.append('\n');
    }

    /** One section per object, depth first in the schema's (alphabetical) order; a repeated object links back. */
    private void collect(String title, int depth, String description, JsonNode schema) {
        JsonNode shape = withoutDescription(schema);
        Section first = sectionsBySchema.get(shape);
        Section section = new Section(title, anchor(title), depth, description, schema, first);
        sections.add(section);
        if (first != null) {
            return;
        }
        sectionsBySchema.put(shape, section);
        for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
            String path = (depth == 0 ? "" : title) + "." + field.getKey();
            JsonNode object = objectOf(field.getValue());
            if (object != null) {
                String suffix = suffixOf(field.getValue());
                collect(
                        path + suffix,
                        depth + 1,
                        field.getValue().path("description").asText(null),
                        object);
            }
        }
    }

    private void renderSection(StringBuilder out, Section section) {
        out.append("## ")
                .append(section.depth == 0 ? section.title : "`" + section.title + "`")
                .append("\n\n");
        if (section.description != null) {
            out.append(text(section.description)).append("\n\n");
        }
        if (section.sameAs != null) {
            out.append("Same fields and rules as [`")
                    .append(section.sameAs.title)
                    .append("`](#")
                    .append(section.sameAs.anchor)
                    .append(").\n\n");
            return;
        }
        JsonNode rules = section.schema.path("x-kubernetes-validations");
        if (!rules.isEmpty()) {
            out.append("Rules:\n\n");
            rules.forEach(rule -> out.append("- ").append(rule(rule)).append('\n'));
            out.append('\n');
        }
        JsonNode properties = section.schema.path("properties");
        if (properties.isEmpty()) {
            return;
        }
        List<String> required = new ArrayList<>();
        section.schema.path("required").forEach(r -> required.add(r.asText()));
        out.append("| Field | Type | Description |\n| --- | --- | --- |\n");
        String prefix = section.depth == 0 ? "" : section.title;
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            out.append("| `")
                    .append(field.getKey())
                    .append('`')
                    .append(required.contains(field.getKey()) ? " *(required)*" : "")
                    .append(" | ")
                    .append(type(prefix + "." + field.getKey(), field.getValue()))
                    .append(" | ")
                    .append(details(field.getValue()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private String type(String path, JsonNode schema) {
        if (schema.has("items")) {
            return "[]" + type(path + "[]", schema.get("items"));
        }
        if (schema.path("additionalProperties").isObject()) {
            return "map[string]" + type(path + "{}", schema.get("additionalProperties"));
        }
        if (schema.has("properties")) {
            return "[object](#" + sectionAnchor(path) + ")";
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            return "int-or-string";
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean() && !schema.has("type")) {
            return "any";
        }
        String type = schema.path("type").asText("any");
        return schema.has("format") ? type + " (" + schema.get("format").asText() + ")" : type;
    }

    private String sectionAnchor(String title) {
        return sections.stream()
                .filter(s -> s.title.equals(title))
                .findFirst()
                .map(Section::anchor)
                .orElseThrow();
    }

    private static String details(JsonNode schema) {
        List<String> parts = new ArrayList<>();
        parts.add(text(schema.path("description").asText()));
        if (schema.has("enum")) {
            parts.add("One of: " + join(schema.get("enum"), v -> code(v.asText())) + ".");
        }
        if (schema.has("default")) {
            parts.add("Default: " + code(schema.get("default").toString()) + ".");
        }
        JsonNode items = schema.path("items");
        List<String> bounds = bounds(schema);
        if (items.isObject() && !items.has("properties")) {
            if (items.has("enum")) {
                parts.add("Each one of: " + join(items.get("enum"), v -> code(v.asText())) + ".");
            }
            bounds(items).forEach(b -> bounds.add("each " + b));
        }
        if (!bounds.isEmpty()) {
            parts.add(capitalise(String.join("; ", bounds)) + ".");
        }
        JsonNode rules = schema.path("x-kubernetes-validations");
        // An object's own rules are listed in its section.
        if (!rules.isEmpty() && !schema.has("properties")) {
            parts.add("Rules: "
                    + StreamSupport.stream(rules.spliterator(), false)
                            .map(ApiReference::rule)
                            .collect(Collectors.joining("; "))
                    + ".");
        }
        return parts.stream().filter(p -> !p.isBlank()).collect(Collectors.joining("<br>"));
    }

    private static List<String> bounds(JsonNode schema) {
        List<String> bounds = new ArrayList<>();
        range(schema, "minimum", "maximum", "value").ifPresent(bounds::add);
        range(schema, "minLength", "maxLength", "length").ifPresent(bounds::add);
        range(schema, "minItems", "maxItems", "items").ifPresent(bounds::add);
        range(schema, "minProperties", "maxProperties", "entries").ifPresent(bounds::add);
        if (schema.has("pattern")) {
            bounds.add("matches " + code(schema.get("pattern").asText()));
        }
        return bounds;
    }

    private static Optional<String> range(JsonNode schema, String min, String max, String what) {
        String low = schema.has(min) ? number(schema.get(min)) : null;
        String high = schema.has(max) ? number(schema.get(max)) : null;
        if (low == null && high == null) {
            return Optional.empty();
        }
        if (low != null && high != null) {
            return Optional.of(what + " " + low + " to " + high);
        }
        return Optional.of(what + (low != null ? " at least " + low : " at most " + high));
    }

    private static String number(JsonNode value) {
        String text = value.asText();
        return INTEGRAL.matcher(text).matches()
                ? new BigDecimal(text).toBigInteger().toString()
                : text;
    }

    private static String rule(JsonNode rule) {
        String message = rule.has("message")
                ? text(rule.get("message").asText())
                : code(rule.path("rule").asText());
        return rule.has("fieldPath")
                ? message + " (on " + code(rule.get("fieldPath").asText()) + ")"
                : message;
    }

    /** The object a field holds, if any: itself, its list items or its map values. */
    private static JsonNode objectOf(JsonNode schema) {
        if (schema.has("properties")) {
            return schema;
        }
        if (schema.has("items")) {
            return objectOf(schema.get("items"));
        }
        if (schema.path("additionalProperties").isObject()) {
            return objectOf(schema.get("additionalProperties"));
        }
        return null;
    }

    private static String suffixOf(JsonNode schema) {
        if (schema.has("items")) {
            return "[]" + suffixOf(schema.get("items"));
        }
        if (schema.path("additionalProperties").isObject()) {
            return "{}" + suffixOf(schema.get("additionalProperties"));
        }
        return "";
    }

    private static JsonNode withoutDescription(JsonNode schema) {
        ObjectNode copy = schema.deepCopy();
        copy.remove("description");
        return copy;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
    private String anchor(String title) {
        String base = title.toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        int seen = anchors.merge(base, 1, Integer::sum) - 1;
        return seen == 0 ? base : base + "-" + seen;
    }

    /** Description text for a table cell: Markdown and HTML characters escaped outside `code`, paragraphs kept. */
    static String text(String description) {
        StringBuilder out = new StringBuilder();
        String[] parts = description.strip().split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('`');
            }
            String part = parts[i].replace("|", "\\|");
            boolean inCode = i % 2 == 1 && i < parts.length - 1;
            out.append(
                    inCode
                            ? part
                            : part.replace("&", "&amp;")
                                    .replace("<", "&lt;")
                                    .replace(">", "&gt;")
                                    .replace("*", "\\*"));
        }
        return out.toString().replace("\n\n", "<br><br>").replace('\n', ' ');
    }

    private static String code(String text) {
        return "`" + text.replace("|", "\\|") + "`";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String join(JsonNode values, Function<JsonNode, String> format) {
        return StreamSupport.stream(values.spliterator(), false).map(format).collect(Collectors.joining(", "));
    }
}
