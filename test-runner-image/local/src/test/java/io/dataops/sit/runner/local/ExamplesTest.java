package io.dataops.sit.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every examples/*.yaml is a valid kubectl input for the generated CRD (structural check: known fields,
 * required fields, types, patterns, enums, bounds — the CEL rules are left to the e2e suite, which
 * applies the files to a real API server) and a valid local-mode input (one SitRun, every ConfigMap it
 * refers to is in the same file).
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("..", "..", "examples");
    static final Path CRD = Path.of("..", "..", "crds", "sitruns.sit.dataops.io-v1.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theThreeDocumentedExamplesExist() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString()))
                .contains("minimal-sitrun.yaml", "orders-sitrun.yaml", "failing-sitrun.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void sitRunMatchesTheCrdSchema(Path example) throws IOException {
        JsonNode schema = YAML.readTree(CRD.toFile())
                .path("spec")
                .path("versions")
                .get(0)
                .path("schema")
                .path("openAPIV3Schema");
        List<String> errors = new ArrayList<>();
        int sitRuns = 0;
        for (JsonNode doc : documents(example)) {
            if ("SitRun".equals(doc.path("kind").asText())) {
                sitRuns++;
                assertThat(doc.path("apiVersion").asText()).isEqualTo("sit.dataops.io/v1alpha1");
                JsonNode body = doc.deepCopy();
                ((ObjectNode) body).remove(List.of("apiVersion", "kind", "metadata"));
                validate(body, schema, "", errors);
            }
        }
        assertThat(sitRuns).as("SitRuns in " + example).isEqualTo(1);
        assertThat(errors).as("schema errors in " + example).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void localModeFindsEveryConfigMapTheSitRunRefersTo(Path example) throws Exception {
        SitRunFile file = SitRunFile.read(example);
        SitRun sitRun = file.sitRun();
        Map<String, ConfigMap> configMaps = file.configMaps();
        assertThat(configMaps).containsKey(sitRun.getSpec().getRunner().featuresConfigMapName());
        assertThat(sitRun.getSpec().getRunner().getImage()).isEqualTo("ghcr.io/dataops-sit/sit-runner:0.1.0");
        for (DatabaseSpec db : sitRun.getSpec().getDatabases()) {
            for (SeedStep step : db.getSeed()) {
                var ref = step.getSql() != null
                        ? step.getSql().getConfigMapRef()
                        : step.getCsv().getConfigMapRef();
                if (ref != null) {
                    ConfigMap cm = configMaps.get(ref.getName());
                    assertThat(cm).as("ConfigMap " + ref.getName()).isNotNull();
                    assertThat(cm.getData()).containsKey(ref.getKey());
                }
            }
        }
        sitRun.getSpec().getSystems().forEach(s -> {
            assertThat(s.getLocal())
                    .as("system " + s.getName() + " runs locally")
                    .isNotNull();
            assertThat(s.getLocal()
                            .getCommand()
                            .subList(1, s.getLocal().getCommand().size()))
                    .as("same arguments in a cluster and locally")
                    .isEqualTo(s.getArgs());
        });
    }

    @Test
    void theSchemaCheckRejectsWhatKubectlWould() throws IOException {
        JsonNode schema = YAML.readTree(CRD.toFile())
                .path("spec")
                .path("versions")
                .get(0)
                .path("schema")
                .path("openAPIV3Schema");
        JsonNode bad = YAML.readTree("""
                spec:
                  brokers: [{name: Events, kafka: {provider: kraft, topics: [{name: t, partitions: 0}]}}]
                  runner: {features: {name: f}}
                """);
        List<String> errors = new ArrayList<>();

        validate(bad, schema, "", errors);

        assertThat(String.join("\n", errors))
                .contains(
                        ".spec.brokers[0].name: 'Events' does not match",
                        ".spec.brokers[0].kafka.provider: 'kraft' not one of",
                        ".spec.brokers[0].kafka.topics[0].partitions: below minimum",
                        ".spec.runner.features: missing required field configMapRef",
                        ".spec.runner.features.name: unknown field");
    }

    @Test
    void ordersAvroFixtureHoldsTwoRecordsOfItsSchema() throws Exception {
        SitRunFile file = SitRunFile.read(EXAMPLES.resolve("orders-sitrun.yaml"));
        ConfigMap features = file.configMaps().get("orders-features");
        byte[] avro = Base64.getDecoder().decode(features.getBinaryData().get("input_topic.avro"));
        Schema schema = new Schema.Parser().parse(features.getData().get("input_topic_v1_0.avsc"));
        List<String> ids = new ArrayList<>();
        try (DataFileReader<GenericRecord> reader =
                new DataFileReader<>(new SeekableByteArrayInput(avro), new GenericDatumReader<>(schema))) {
            reader.forEach(r -> ids.add(r.get("order_id").toString()));
            assertThat(reader.getSchema()).isEqualTo(schema);
        }
        assertThat(ids).containsExactly("o-1001", "o-1002");
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                docs.add(it.nextValue());
            }
        }
        return docs;
    }

    /** A structural subset of OpenAPI v3 as Kubernetes applies it to a CRD. */
    static void validate(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isInt() && !value.isTextual()) {
                errors.add(path + ": expected int or string");
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    errors.add(path + ": expected object");
                    return;
                }
                for (JsonNode required : schema.path("required")) {
                    if (!value.has(required.asText())) {
                        errors.add(path + ": missing required field " + required.asText());
                    }
                }
                JsonNode properties = schema.path("properties");
                JsonNode additional = schema.path("additionalProperties");
                boolean preserve =
                        schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String fieldPath = path + "." + field.getKey();
                    if (properties.has(field.getKey())) {
                        validate(field.getValue(), properties.get(field.getKey()), fieldPath, errors);
                    } else if (additional.isObject()) {
                        validate(field.getValue(), additional, fieldPath, errors);
                    } else if (!preserve) {
                        errors.add(fieldPath + ": unknown field");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(path + ": expected array");
                    return;
                }
                if (schema.has("maxItems")
                        && value.size() > schema.get("maxItems").asInt()) {
                    errors.add(path + ": more than " + schema.get("maxItems") + " items");
                }
                for (int i = 0; i < value.size(); i++) {
                    validate(value.get(i), schema.path("items"), path + "[" + i + "]", errors);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(path + ": expected string, got " + value);
                    return;
                }
                if (schema.has("pattern")
                        && !Pattern.compile(schema.get("pattern").asText())
                                .matcher(value.asText())
                                .find()) {
                    errors.add(path + ": '" + value.asText() + "' does not match "
                            + schema.get("pattern").asText());
                }
                if (schema.has("maxLength")
                        && value.asText().length() > schema.get("maxLength").asInt()) {
                    errors.add(path + ": longer than " + schema.get("maxLength"));
                }
                if (schema.has("enum")) {
                    boolean known = false;
                    for (JsonNode e : schema.get("enum")) {
                        known |= e.asText().equals(value.asText());
                    }
                    if (!known) {
                        errors.add(path + ": '" + value.asText() + "' not one of " + schema.get("enum"));
                    }
                }
            }
            case "integer", "number" -> {
                if (!value.isNumber() || ("integer".equals(type) && !value.isIntegralNumber())) {
                    errors.add(path + ": expected " + type + ", got " + value);
                    return;
                }
                if (schema.has("minimum")
                        && value.asDouble() < schema.get("minimum").asDouble()) {
                    errors.add(path + ": below minimum " + schema.get("minimum"));
                }
                if (schema.has("maximum")
                        && value.asDouble() > schema.get("maximum").asDouble()) {
                    errors.add(path + ": above maximum " + schema.get("maximum"));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(path + ": expected boolean, got " + value);
                }
            }
            default -> {
                // untyped (e.g. preserve-unknown-fields): accept
            }
        }
    }
}
