package io.dataops.sit.runner.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** JSON Schema files: read with the draft their {@code $schema} names (2020-12 when none), and records checked. */
public final class JsonSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {}

    /** True for the files the steps read as JSON Schema rather than Avro ({@code .avsc}). */
    public static boolean isJsonSchema(Path file) {
        return !file.getFileName().toString().endsWith(".avsc");
    }

    public static JsonSchema read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        if (node == null || !node.isObject()) {
            throw new IOException(file.getFileName() + " is not a JSON Schema (a JSON object)");
        }
        SpecVersion.VersionFlag version =
                node.has("$schema") ? SpecVersionDetector.detect(node) : SpecVersion.VersionFlag.V202012;
        return JsonSchemaFactory.getInstance(version).getSchema(node);
    }

    /**
     * The file as a schema document, checked against the meta-schema of its draft (the copy bundled with the
     * validator, no network): a file that is not a JSON Schema is named with what is wrong, before it is compared.
     */
    public static JsonNode readChecked(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        if (node == null || !node.isObject() && !node.isBoolean()) {
            throw new IOException(file.getFileName() + " is not a JSON Schema (a JSON object)");
        }
        SpecVersion.VersionFlag version;
        try {
            version = node.has("$schema") ? SpecVersionDetector.detect(node) : SpecVersion.VersionFlag.V202012;
        } catch (JsonSchemaException e) {
            throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
        }
        Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(version)
                .getSchema(SchemaLocation.of(version.getId()))
                .validate(node);
        if (!problems.isEmpty()) {
            throw new IOException(file.getFileName() + " is not a valid JSON Schema (" + version.getId() + "): "
                    + String.join(
                            "; ",
                            problems.stream()
                                    .map(ValidationMessage::getMessage)
                                    .sorted()
                                    .limit(3)
                                    .toList()));
        }
        return node;
    }

    /** What is wrong with the value (paths and rules, never the value itself), empty when it matches. */
    public static List<String> problems(JsonSchema schema, Object value) {
        return schema.validate(JSON.valueToTree(value)).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
