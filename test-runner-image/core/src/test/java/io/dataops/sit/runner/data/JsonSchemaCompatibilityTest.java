package io.dataops.sit.runner.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import io.dataops.sit.runner.data.JsonSchemaCompatibility.Incompatibility;
import io.dataops.sit.runner.data.JsonSchemaCompatibility.Rule;
import io.dataops.sit.runner.data.synthetic.SyntheticRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JSON Schema backward compatibility on real schema pairs. Every incompatible pair comes with a witness: a document
 * the validator accepts under the old schema and rejects under the new one, so the pair really breaks the definition
 * (every document valid under the old schema is valid under the new one). Every compatible pair is checked the other
 * way: 300 records generated from the old schema (a fifth of them at its edges) all pass the new one.
 */
class JsonSchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String ORDER_V1 = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object", "required": ["id", "status"],
             "properties": {
               "id": {"type": "integer"},
               "status": {"enum": ["NEW", "SHIPPED"]},
               "amount": {"type": "number", "minimum": 0, "maximum": 500},
               "code": {"type": "string", "minLength": 3, "maxLength": 5},
               "email": {"type": "string"},
               "ref": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
               "tags": {"type": "array", "items": {"type": "string"}},
               "lines": {"type": "array", "items": {"$ref": "#/$defs/line"}, "maxItems": 3}
             },
             "$defs": {"line": {"type": "object", "properties": {"sku": {"type": "string"}, "qty": {"type": "integer"}}}}}""";

    /** The same order, closed to properties it does not name. */
    static final String CLOSED_V1 = edit(ORDER_V1, "", "additionalProperties", "false");

    static final String MINIMAL = "{\"id\": 1, \"status\": \"NEW\"}";

    static Stream<Arguments> compatible() {
        return Stream.of(
                Arguments.of("the same schema", ORDER_V1, ORDER_V1),
                Arguments.of(
                        "an optional property added to a closed object",
                        CLOSED_V1,
                        edit(CLOSED_V1, "/properties", "note", "{\"type\": \"string\"}")),
                Arguments.of(
                        "an enum value added",
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/status", "enum", "[\"NEW\", \"SHIPPED\", \"CLOSED\"]")),
                Arguments.of(
                        "types widened: integer to number, number to number or null",
                        ORDER_V1,
                        edit(
                                edit(ORDER_V1, "/properties/id", "type", "\"number\""),
                                "/properties/amount",
                                "type",
                                "[\"number\", \"null\"]")),
                Arguments.of("a required property made optional", ORDER_V1, edit(ORDER_V1, "", "required", "[\"id\"]")),
                Arguments.of(
                        "bounds relaxed",
                        ORDER_V1,
                        edit(
                                edit(
                                        edit(ORDER_V1, "/properties/amount", "maximum", "1000"),
                                        "/properties/code",
                                        "maxLength",
                                        "10"),
                                "/properties/code",
                                "minLength",
                                "1")),
                Arguments.of(
                        "a definition inlined where it was referenced",
                        ORDER_V1,
                        edit(
                                ORDER_V1,
                                "/properties/lines",
                                "items",
                                "{\"type\": \"object\", \"properties\": {\"sku\": {\"type\": \"string\"},"
                                        + " \"qty\": {\"type\": \"number\"}}}")),
                Arguments.of(
                        "a property removed from an open object", ORDER_V1, remove(ORDER_V1, "/properties", "email")),
                Arguments.of(
                        "an anyOf branch added",
                        ORDER_V1,
                        edit(
                                ORDER_V1,
                                "/properties/ref",
                                "anyOf",
                                "[{\"type\": \"string\"}, {\"type\": \"integer\"}, {\"type\": \"null\"}]")),
                Arguments.of(
                        "a new property that allows anything, in an open object",
                        ORDER_V1,
                        edit(ORDER_V1, "/properties", "comment", "{\"description\": \"free text\"}")),
                Arguments.of(
                        "a new property that fits the old additionalProperties schema",
                        edit(ORDER_V1, "", "additionalProperties", "{\"type\": \"string\"}"),
                        edit(
                                edit(ORDER_V1, "", "additionalProperties", "{\"type\": \"string\"}"),
                                "/properties",
                                "note",
                                "{\"type\": \"string\"}")),
                Arguments.of(
                        "a format added in 2020-12, where format is an annotation",
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/email", "format", "\"email\"")),
                Arguments.of(
                        "an enum spelling out what a boolean type allowed",
                        edit(ORDER_V1, "/properties", "paid", "{\"type\": \"boolean\"}"),
                        edit(ORDER_V1, "/properties", "paid", "{\"enum\": [true, false]}")),
                Arguments.of(
                        "draft-04's boolean exclusiveMinimum and 2020-12's number say the same",
                        edit(
                                edit(
                                        edit(ORDER_V1, "", "$schema", "\"http://json-schema.org/draft-04/schema#\""),
                                        "/properties/amount",
                                        "exclusiveMinimum",
                                        "true"),
                                "/properties/amount",
                                "minimum",
                                "0"),
                        edit(
                                remove(ORDER_V1, "/properties/amount", "minimum"),
                                "/properties/amount",
                                "exclusiveMinimum",
                                "0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatible")
    void compatiblePairsHaveNoIncompatibilityAndRecordsOfTheOldPassTheNew(String name, String older, String newer)
            throws Exception {
        JsonNode oldSchema = JSON.readTree(older);
        JsonNode newSchema = JSON.readTree(newer);

        assertThat(JsonSchemaCompatibility.backward(newSchema, oldSchema)).isEmpty();

        JsonSchema oldValidator = validator(oldSchema);
        JsonSchema newValidator = validator(newSchema);
        List<Map<String, Object>> records = SyntheticRecords.fromJsonSchema(
                        oldSchema, new SyntheticRecords.Request(300, 42, 20, 0, Map.of()))
                .records();
        List<JsonNode> validUnderOld = records.stream()
                .map(r -> (JsonNode) JSON.valueToTree(r))
                .filter(r -> oldValidator.validate(r).isEmpty())
                .toList();
        assertThat(validUnderOld).hasSizeGreaterThan(200);
        assertThat(validUnderOld)
                .allSatisfy(r -> assertThat(newValidator.validate(r))
                        .as("%s under the new schema", r)
                        .isEmpty());
    }

    static Stream<Arguments> incompatible() {
        String drafted07 = edit(
                remove(ORDER_V1, "/properties/lines", "items"),
                "",
                "$schema",
                "\"http://json-schema.org/draft-07/schema#\"");
        return Stream.of(
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "", "required", "[\"id\", \"status\", \"code\"]"),
                        Rule.REQUIRED_ADDED,
                        "#/required",
                        MINIMAL),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/amount", "type", "\"integer\""),
                        Rule.TYPE_NARROWED,
                        "#/properties/amount/type",
                        "{\"id\": 1, \"status\": \"NEW\", \"amount\": 1.5}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/status", "enum", "[\"NEW\"]"),
                        Rule.ENUM_VALUE_REMOVED,
                        "#/properties/status/enum",
                        "{\"id\": 1, \"status\": \"SHIPPED\"}"),
                Arguments.of(
                        ORDER_V1,
                        CLOSED_V1,
                        Rule.ADDITIONAL_PROPERTIES_NARROWED,
                        "#/additionalProperties",
                        "{\"id\": 1, \"status\": \"NEW\", \"channel\": \"web\"}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties", "discount", "{\"type\": \"number\"}"),
                        Rule.PROPERTY_ADDED_TO_OPEN_OBJECT,
                        "#/properties/discount",
                        "{\"id\": 1, \"status\": \"NEW\", \"discount\": \"ten percent\"}"),
                Arguments.of(
                        CLOSED_V1,
                        remove(CLOSED_V1, "/properties", "email"),
                        Rule.PROPERTY_REMOVED_FROM_CLOSED_OBJECT,
                        "#/properties/email",
                        "{\"id\": 1, \"status\": \"NEW\", \"email\": \"a@example.org\"}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/amount", "maximum", "100"),
                        Rule.RANGE_NARROWED,
                        "#/properties/amount/maximum",
                        "{\"id\": 1, \"status\": \"NEW\", \"amount\": 200}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/amount", "exclusiveMinimum", "0"),
                        Rule.RANGE_NARROWED,
                        "#/properties/amount/exclusiveMinimum",
                        "{\"id\": 1, \"status\": \"NEW\", \"amount\": 0}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/amount", "multipleOf", "0.5"),
                        Rule.RANGE_NARROWED,
                        "#/properties/amount/multipleOf",
                        "{\"id\": 1, \"status\": \"NEW\", \"amount\": 0.3}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/code", "maxLength", "4"),
                        Rule.LENGTH_NARROWED,
                        "#/properties/code/maxLength",
                        "{\"id\": 1, \"status\": \"NEW\", \"code\": \"ABCDE\"}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/email", "pattern", "\"^[0-9]+$\""),
                        Rule.PATTERN_CHANGED,
                        "#/properties/email/pattern",
                        "{\"id\": 1, \"status\": \"NEW\", \"email\": \"a@example.org\"}"),
                Arguments.of(
                        drafted07,
                        edit(drafted07, "/properties/email", "format", "\"email\""),
                        Rule.FORMAT_CHANGED,
                        "#/properties/email/format",
                        "{\"id\": 1, \"status\": \"NEW\", \"email\": \"not an address\"}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/code", "enum", "[\"ABC\", \"XYZ\"]"),
                        Rule.ENUM_ADDED,
                        "#/properties/code/enum",
                        "{\"id\": 1, \"status\": \"NEW\", \"code\": \"QRS\"}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/lines", "maxItems", "2"),
                        Rule.ITEMS_NARROWED,
                        "#/properties/lines/maxItems",
                        "{\"id\": 1, \"status\": \"NEW\", \"lines\": [{}, {}, {}]}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/tags", "uniqueItems", "true"),
                        Rule.ITEMS_NARROWED,
                        "#/properties/tags/uniqueItems",
                        "{\"id\": 1, \"status\": \"NEW\", \"tags\": [\"a\", \"a\"]}"),
                Arguments.of(
                        edit(
                                ORDER_V1,
                                "/properties",
                                "pair",
                                "{\"type\": \"array\", \"prefixItems\": [{\"type\": \"string\"}]}"),
                        edit(
                                ORDER_V1,
                                "/properties",
                                "pair",
                                "{\"type\": \"array\", \"prefixItems\": [{\"type\": \"string\"}], \"items\": false}"),
                        Rule.ITEMS_NARROWED,
                        "#/properties/pair/items",
                        "{\"id\": 1, \"status\": \"NEW\", \"pair\": [\"a\", 1]}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/$defs/line", "required", "[\"sku\"]"),
                        Rule.REQUIRED_ADDED,
                        "#/$defs/line/required",
                        "{\"id\": 1, \"status\": \"NEW\", \"lines\": [{\"qty\": 2}]}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/$defs/line/properties/qty", "type", "\"string\""),
                        Rule.TYPE_NARROWED,
                        "#/$defs/line/properties/qty/type",
                        "{\"id\": 1, \"status\": \"NEW\", \"lines\": [{\"qty\": 2}]}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/ref", "anyOf", "[{\"type\": \"string\"}, {\"type\": \"boolean\"}]"),
                        Rule.COMBINATION_NARROWED,
                        "#/properties/ref/anyOf",
                        "{\"id\": 1, \"status\": \"NEW\", \"ref\": 7}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "", "allOf", "[{\"required\": [\"email\"]}]"),
                        Rule.COMBINATION_NARROWED,
                        "#/allOf/0",
                        MINIMAL),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/code", "not", "{\"const\": \"XYZ\"}"),
                        Rule.KEYWORD_NOT_JUDGED,
                        "#/properties/code/not",
                        "{\"id\": 1, \"status\": \"NEW\", \"code\": \"XYZ\"}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "", "maxProperties", "3"),
                        Rule.PROPERTY_COUNT_NARROWED,
                        "#/maxProperties",
                        "{\"id\": 1, \"status\": \"NEW\", \"code\": \"ABC\", \"email\": \"a@example.org\"}"),
                Arguments.of(
                        ORDER_V1,
                        edit(ORDER_V1, "/properties/amount", "type", "\"string\""),
                        Rule.TYPE_NARROWED,
                        "#/properties/amount/type",
                        "{\"id\": 1, \"status\": \"NEW\", \"amount\": 3}"));
    }

    @ParameterizedTest(name = "{2} at {3}")
    @MethodSource("incompatible")
    void eachIncompatibleKindIsNamedWithItsPointer(
            String older, String newer, Rule rule, String pointer, String witness) throws Exception {
        JsonNode oldSchema = JSON.readTree(older);
        JsonNode newSchema = JSON.readTree(newer);
        JsonNode document = JSON.readTree(witness);
        assertThat(validator(oldSchema).validate(document))
                .as("the witness is valid under the old schema")
                .isEmpty();
        assertThat(validator(newSchema).validate(document))
                .as("the witness is rejected by the new schema")
                .isNotEmpty();

        List<Incompatibility> found = JsonSchemaCompatibility.backward(newSchema, oldSchema);

        assertThat(found)
                .extracting(Incompatibility::rule, Incompatibility::pointer)
                .contains(tuple(rule, pointer));
        assertThat(found).allSatisfy(i -> assertThat(i.detail()).isNotBlank());
    }

    @Test
    void theMessageNamesTheRuleThePlaceAndWhy() throws Exception {
        List<Incompatibility> found = JsonSchemaCompatibility.backward(
                JSON.readTree(edit(ORDER_V1, "/properties/status", "enum", "[\"NEW\"]")), JSON.readTree(ORDER_V1));

        assertThat(found)
                .singleElement()
                .hasToString("ENUM_VALUE_REMOVED at #/properties/status/enum: the old value \"SHIPPED\" fails the new "
                        + "schema: $: does not have a value in the enumeration [\"NEW\"]");
    }

    @Test
    void aRecursiveSchemaIsWalkedOnceAndItsBreakNamedOnce() throws Exception {
        String tree = """
                {"type": "object", "properties": {"name": {"type": "string"},
                  "children": {"type": "array", "items": {"$ref": "#"}}}}""";
        assertThat(JsonSchemaCompatibility.backward(JSON.readTree(tree), JSON.readTree(tree)))
                .isEmpty();

        List<Incompatibility> found = JsonSchemaCompatibility.backward(
                JSON.readTree(edit(tree, "", "required", "[\"name\"]")), JSON.readTree(tree));

        assertThat(found)
                .extracting(Incompatibility::rule, Incompatibility::pointer)
                .containsExactly(tuple(Rule.REQUIRED_ADDED, "#/required"));
    }

    @Test
    void aReferenceToAnotherFileIsNotResolvedAndSaysSo() throws Exception {
        List<Incompatibility> found = JsonSchemaCompatibility.backward(
                JSON.readTree(edit(ORDER_V1, "/properties", "customer", "{\"$ref\": \"customer.json#/x\"}")),
                JSON.readTree(edit(ORDER_V1, "/properties", "customer", "{\"type\": \"object\"}")));

        assertThat(found)
                .extracting(Incompatibility::rule, Incompatibility::pointer)
                .contains(tuple(Rule.REF_NOT_RESOLVED, "#/properties/customer/$ref"));

        // the other way round: what the old schema allowed is unknown, so nothing is promised
        List<Incompatibility> reversed = JsonSchemaCompatibility.backward(
                JSON.readTree(edit(ORDER_V1, "/properties", "customer", "{\"type\": \"object\"}")),
                JSON.readTree(edit(ORDER_V1, "/properties", "customer", "{\"$ref\": \"#customer\"}")));

        assertThat(reversed)
                .extracting(Incompatibility::rule, Incompatibility::pointer)
                .containsExactly(tuple(Rule.REF_NOT_RESOLVED, "#/properties/customer"));
    }

    @Test
    void aFileThatIsNotAValidJsonSchemaIsNamedBeforeAnyComparison(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.schema.json");
        Files.writeString(broken, "{\"type\": \"strin\", \"required\": \"id\"}");
        assertThatThrownBy(() -> JsonSchemas.readChecked(broken))
                .hasMessageStartingWith("broken.schema.json is not a valid JSON Schema (")
                .hasMessageContaining("$.required");

        Path good = dir.resolve("order.schema.json");
        Files.writeString(good, ORDER_V1);
        assertThat(JsonSchemas.readChecked(good).path("properties").has("status"))
                .isTrue();
    }

    private static JsonSchema validator(JsonNode schema) {
        SpecVersion.VersionFlag draft =
                schema.has("$schema") ? SpecVersionDetector.detect(schema) : SpecVersion.VersionFlag.V202012;
        return JsonSchemaFactory.getInstance(draft).getSchema(schema);
    }

    /** The schema with {@code key} of the object at {@code pointer} set to the JSON {@code value}. */
    static String edit(String schema, String pointer, String key, String value) {
        try {
            JsonNode root = JSON.readTree(schema);
            ((ObjectNode) root.at(pointer)).set(key, JSON.readTree(value));
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String remove(String schema, String pointer, String key) {
        try {
            JsonNode root = JSON.readTree(schema);
            ((ObjectNode) root.at(pointer)).remove(key);
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
