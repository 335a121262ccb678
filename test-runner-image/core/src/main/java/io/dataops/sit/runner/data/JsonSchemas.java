package io.dataops.sit.runner.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

    /** What is wrong with the value (paths and rules, never the value itself), empty when it matches. */
    public static List<String> problems(JsonSchema schema, Object value) {
        return schema.validate(JSON.valueToTree(value)).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
