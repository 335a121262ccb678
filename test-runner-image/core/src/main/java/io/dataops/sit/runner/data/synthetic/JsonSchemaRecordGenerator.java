package io.dataops.sit.runner.data.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.runner.data.synthetic.SyntheticRecords.Variant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.datafaker.Faker;

/**
 * Records for a JSON Schema (draft 4 to 2020-12, the keywords that shape data): {@code type}, {@code properties},
 * {@code required}, {@code enum}, {@code const}, {@code format} (email, date, date-time, uuid, uri), string lengths,
 * numeric bounds, {@code items} with item counts, local {@code $ref}s. A boundary variant puts one property at a
 * bound the schema states (minimum, maximum, minLength, maxLength, an empty optional array); an invalid one breaks
 * one rule (wrong type, missing required property, out of range, not in the enum). {@code pattern} is not solved:
 * a property with a pattern gets its override or a value the scenario must replace.
 */
final class JsonSchemaRecordGenerator implements SyntheticRecords.RecordGenerator {

    private static final int MAX_DEPTH = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final GeneratedFields fields;
    private final RealisticStrings strings;
    private final Faker expressions;
    private final List<String> leaves = new ArrayList<>();

    JsonSchemaRecordGenerator(JsonNode schema, SyntheticRecords.Request request) {
        this.root = schema;
        JsonNode top = resolve(schema);
        if (!"object".equals(type(top)) && !top.has("properties")) {
            throw new IllegalArgumentException("records are generated from a JSON Schema of type object, not "
                    + (type(top) == null ? "an untyped schema" : type(top)));
        }
        this.strings = new RealisticStrings(request.seed());
        this.expressions = new Faker(Locale.ENGLISH, new Random(request.seed()));
        collectLeaves(top, "", 0);
        this.fields = new GeneratedFields(leaves, request.overrides(), leaves::contains, "the JSON Schema");
    }

    @Override
    public Map<String, Object> next(int index, Variant variant, Random random) {
        return object(resolve(root), "", index, variant, fields.target(variant, random), random, 0);
    }

    private Map<String, Object> object(
            JsonNode schema, String prefix, int index, Variant variant, String target, Random random, int depth) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> required = required(schema);
        var properties = schema.path("properties").properties();
        for (Map.Entry<String, JsonNode> property : properties) {
            String name = property.getKey();
            String path = prefix + name;
            boolean targeted = path.equals(target);
            if (targeted && variant == Variant.INVALID && required.contains(name) && random.nextBoolean()) {
                continue; // missing required property
            }
            // Optional properties are present in nine records of ten; a boundary variant may drop one.
            if (!required.contains(name) && !fields.overridden(path) && !targeted && random.nextInt(10) == 0) {
                continue;
            }
            if (targeted && variant == Variant.BOUNDARY && !required.contains(name) && random.nextInt(4) == 0) {
                continue;
            }
            values.put(name, value(resolve(property.getValue()), path, index, variant, target, random, depth));
        }
        return values;
    }

    private Object value(
            JsonNode schema, String path, int index, Variant variant, String target, Random random, int depth) {
        FieldOverride override = fields.override(path);
        if (override != null) {
            return typed(override.value(index, random, expressions), schema);
        }
        if (path.equals(target)) {
            return variant == Variant.BOUNDARY ? boundary(schema, path, index, random) : invalid(schema);
        }
        if (schema.has("const")) {
            return plain(schema.get("const"));
        }
        if (schema.has("enum")) {
            JsonNode options = schema.get("enum");
            return plain(options.get(random.nextInt(options.size())));
        }
        String type = type(schema);
        if (type == null) {
            type = schema.has("properties") ? "object" : "string";
        }
        return switch (type) {
            case "object" ->
                depth >= MAX_DEPTH ? Map.of() : object(schema, path + ".", index, variant, target, random, depth + 1);
            case "array" -> {
                int min = schema.path("minItems").asInt(1);
                int max = Math.max(min, schema.path("maxItems").asInt(min + 2));
                List<Object> items = new ArrayList<>();
                for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
                    items.add(value(
                            resolve(schema.path("items")), path + "[]", index, variant, target, random, depth + 1));
                }
                yield items;
            }
            case "integer" -> RealisticStrings.isId(path) ? (Object) ((long) index + 1) : integer(schema, path, random);
            case "number" -> number(schema, random);
            case "boolean" -> random.nextBoolean();
            case "null" -> null;
            default -> text(schema, path, index, random);
        };
    }

    private String text(JsonNode schema, String path, int index, Random random) {
        String format = schema.path("format").asText("");
        String value = switch (format) {
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "date-time" ->
                Instant.ofEpochMilli(TypicalValues.BASE_MILLIS + random.nextLong(TypicalValues.YEAR_MILLIS))
                        .toString();
            case "date" ->
                LocalDate.ofEpochDay(TypicalValues.BASE_DAY + random.nextInt(365))
                        .toString();
            case "email" -> RealisticStrings.uniqueEmail(strings.next(path + "#email", random), index);
            case "uri", "url" -> strings.next(path + "#url", random);
            default ->
                RealisticStrings.normalized(path).contains("mail")
                        ? RealisticStrings.uniqueEmail(strings.next(path, random), index)
                        : strings.next(path, random);
        };
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (value.length() > max) {
            value = value.substring(0, max);
        }
        if (value.length() < min) {
            value = value + "x".repeat(min - value.length());
        }
        return value;
    }

    private static long integer(JsonNode schema, String path, Random random) {
        long low = lowerBound(schema).map(BigDecimal::longValue).orElse(0L);
        long high = upperBound(schema).map(BigDecimal::longValue).orElse(low + 9_999);
        if (!schema.has("minimum")
                && !schema.has("maximum")
                && !schema.has("exclusiveMinimum")
                && !schema.has("exclusiveMaximum")) {
            return TypicalValues.plausibleInt(path, random);
        }
        return high <= low ? low : random.nextLong(low, high + 1);
    }

    private static BigDecimal number(JsonNode schema, Random random) {
        double low = lowerBound(schema).map(BigDecimal::doubleValue).orElse(0.0);
        double high = upperBound(schema).map(BigDecimal::doubleValue).orElse(low + 1000);
        return BigDecimal.valueOf(low + random.nextDouble() * (high - low)).setScale(2, RoundingMode.DOWN);
    }

    /** Valid, at a bound the schema states, or at the edge of the type when it states none. */
    private Object boundary(JsonNode schema, String path, int index, Random random) {
        if (schema.has("enum")) {
            JsonNode options = schema.get("enum");
            return plain(options.get(random.nextBoolean() ? 0 : options.size() - 1));
        }
        String type = type(schema) == null ? "string" : type(schema);
        return switch (type) {
            case "integer" ->
                random.nextBoolean()
                        ? lowerBound(schema).map(BigDecimal::longValue).orElse(Long.MIN_VALUE)
                        : upperBound(schema).map(BigDecimal::longValue).orElse(Long.MAX_VALUE);
            case "number" ->
                random.nextBoolean()
                        ? lowerBound(schema).orElse(BigDecimal.valueOf(-Double.MAX_VALUE))
                        : upperBound(schema).orElse(BigDecimal.valueOf(Double.MAX_VALUE));
            case "array" ->
                schema.path("minItems").asInt(0) == 0
                        ? List.of()
                        : value(schema, path + "~", index, Variant.NORMAL, null, random, MAX_DEPTH);
            case "boolean" -> random.nextBoolean();
            case "object", "null" -> value(schema, path + "~", index, Variant.NORMAL, null, random, MAX_DEPTH);
            default -> {
                if (schema.has("minLength") || schema.has("maxLength")) {
                    int length = random.nextBoolean()
                            ? schema.path("minLength").asInt(0)
                            : schema.path("maxLength")
                                    .asInt(schema.path("minLength").asInt(0));
                    yield "x".repeat(length);
                }
                yield schema.has("format")
                        ? text(schema, path, index, random)
                        : TypicalValues.EDGE_TEXTS.get(random.nextInt(TypicalValues.EDGE_TEXTS.size()));
            }
        };
    }

    /** Breaks one rule of the property: out of range or enum, too long, or the wrong type. */
    private static Object invalid(JsonNode schema) {
        if (schema.has("enum") || schema.has("const")) {
            return "NOT_ALLOWED";
        }
        String type = type(schema) == null ? "string" : type(schema);
        return switch (type) {
            case "integer", "number" ->
                upperBound(schema)
                        .<Object>map(max -> max.add(BigDecimal.ONE))
                        .orElseGet(() -> lowerBound(schema)
                                .<Object>map(min -> min.subtract(BigDecimal.ONE))
                                .orElse("not a " + type));
            case "string" ->
                schema.has("maxLength") ? "x".repeat(schema.get("maxLength").asInt() + 1) : 42;
            case "boolean" -> "maybe";
            case "array" -> "not an array";
            case "object" -> "not an object";
            default -> "not " + type;
        };
    }

    private static Optional<BigDecimal> lowerBound(JsonNode schema) {
        if (schema.has("minimum")) {
            return Optional.of(schema.get("minimum").decimalValue());
        }
        if (schema.path("exclusiveMinimum").isNumber()) {
            return Optional.of(schema.get("exclusiveMinimum").decimalValue().add(step(schema)));
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> upperBound(JsonNode schema) {
        if (schema.has("maximum")) {
            return Optional.of(schema.get("maximum").decimalValue());
        }
        if (schema.path("exclusiveMaximum").isNumber()) {
            return Optional.of(schema.get("exclusiveMaximum").decimalValue().subtract(step(schema)));
        }
        return Optional.empty();
    }

    private static BigDecimal step(JsonNode schema) {
        return "integer".equals(type(schema)) ? BigDecimal.ONE : new BigDecimal("0.01");
    }

    /** An override's text as the property's type (numbers and booleans), the way a CSV value is read. */
    private static Object typed(Object value, JsonNode schema) {
        if (!(value instanceof String text)) {
            return value;
        }
        String type = type(schema);
        try {
            return switch (type == null ? "string" : type) {
                case "integer" -> Long.parseLong(text.strip());
                case "number" -> new BigDecimal(text.strip());
                case "boolean" ->
                    text.equalsIgnoreCase("true")
                            ? Boolean.TRUE
                            : text.equalsIgnoreCase("false") ? Boolean.FALSE : text;
                default -> text;
            };
        } catch (NumberFormatException e) {
            return text; // a deliberate wrong type: the scenario asked for it
        }
    }

    private void collectLeaves(JsonNode schema, String prefix, int depth) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode nested = resolve(property.getValue());
            if ("object".equals(type(nested)) && nested.has("properties") && depth < MAX_DEPTH) {
                collectLeaves(nested, prefix + property.getKey() + ".", depth + 1);
            } else {
                leaves.add(prefix + property.getKey());
            }
        }
    }

    /** Follows a local {@code $ref} ("#/definitions/x", "#/$defs/x"); other references are not fetched. */
    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                throw new IllegalArgumentException("only local $refs are followed, not " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("$ref " + ref + " points at nothing in the schema");
            }
        }
        return current;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        if (type.isArray()) {
            // ["string", "null"]: generate the non-null type
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        return required;
    }

    private static Object plain(JsonNode node) {
        return JSON.convertValue(node, Object.class);
    }
}
