package io.dataops.sit.runner.data.synthetic;

import io.dataops.sit.runner.data.synthetic.SyntheticRecords.Variant;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.datafaker.Faker;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Records for an Avro record schema, as the maps the publish step encodes ({@code AvroCodec}): timestamps as epoch
 * numbers, bytes and decimals as base64 of their bytes. An invalid variant cannot be encoded with the schema: the
 * publish step then sends it as JSON, the poison pill a consumer's Avro deserializer must survive.
 */
final class AvroRecordGenerator implements SyntheticRecords.RecordGenerator {

    private static final int MAX_DEPTH = 6;

    private final Schema schema;
    private final GeneratedFields fields;
    private final RealisticStrings strings;
    private final Faker expressions;
    /** Dotted paths of the schema's fields, records excepted. */
    private final List<String> leaves = new ArrayList<>();

    AvroRecordGenerator(Schema schema, SyntheticRecords.Request request) {
        this.schema = schema;
        this.strings = new RealisticStrings(request.seed());
        this.expressions = new Faker(Locale.ENGLISH, new Random(request.seed()));
        collectLeaves(schema, "", 0);
        this.fields = new GeneratedFields(
                leaves,
                request.overrides(),
                path -> leaves.contains(path) || isRecordPath(path),
                "schema " + schema.getFullName());
    }

    @Override
    public Map<String, Object> next(int index, Variant variant, Random random) {
        return record(schema, "", index, variant, fields.target(variant, random), random, 0);
    }

    private Map<String, Object> record(
            Schema record, String prefix, int index, Variant variant, String target, Random random, int depth) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Schema.Field field : record.getFields()) {
            String path = prefix + field.name();
            if (path.equals(target) && variant == Variant.INVALID && isRequired(field) && random.nextBoolean()) {
                continue; // a required field missing is the other common way a record breaks its schema
            }
            values.put(field.name(), value(field.schema(), path, index, variant, target, random, depth));
        }
        return values;
    }

    private Object value(
            Schema type, String path, int index, Variant variant, String target, Random random, int depth) {
        FieldOverride override = fields.override(path);
        if (override != null) {
            return override.value(index, random, expressions);
        }
        if (path.equals(target)) {
            return variant == Variant.BOUNDARY ? boundary(type, random) : invalid(type);
        }
        return switch (type.getType()) {
            case RECORD ->
                depth >= MAX_DEPTH ? Map.of() : record(type, path + ".", index, variant, target, random, depth + 1);
            case UNION -> union(type, path, index, variant, target, random, depth);
            case STRING -> text(type, path, index, random);
            case INT -> integer(type, path, index, random);
            case LONG -> whole(type, path, index, random);
            case FLOAT, DOUBLE -> Math.round(random.nextDouble() * 100_000) / 100.0;
            case BOOLEAN -> random.nextBoolean();
            case BYTES, FIXED -> bytes(type, random);
            case ENUM ->
                type.getEnumSymbols().get(random.nextInt(type.getEnumSymbols().size()));
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    items.add(value(type.getElementType(), path + "[]", index, variant, target, random, depth + 1));
                }
                yield items;
            }
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    entries.put(
                            "k" + i,
                            value(type.getValueType(), path + "{}", index, variant, target, random, depth + 1));
                }
                yield entries;
            }
            case NULL -> null;
        };
    }

    private Object union(
            Schema union, String path, int index, Variant variant, String target, Random random, int depth) {
        List<Schema> branches = union.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .toList();
        boolean nullable = branches.size() < union.getTypes().size();
        // One in ten optional values is absent: real data has gaps, and a consumer must handle them.
        if (branches.isEmpty() || (nullable && (depth >= MAX_DEPTH || random.nextInt(10) == 0))) {
            return null;
        }
        Schema branch = branches.get(random.nextInt(branches.size()));
        return value(branch, path, index, variant, target, random, depth);
    }

    private String text(Schema type, String path, int index, Random random) {
        if (type.getLogicalType() instanceof LogicalTypes.Uuid || endsWithId(path)) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
        String value = strings.next(path, random);
        return RealisticStrings.normalized(path).contains("mail") ? RealisticStrings.uniqueEmail(value, index) : value;
    }

    private static Object integer(Schema type, String path, int index, Random random) {
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.Date) {
            return (int) (TypicalValues.BASE_DAY + random.nextInt(365));
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return random.nextInt(86_400_000);
        }
        if (RealisticStrings.isId(path)) {
            return index + 1;
        }
        return TypicalValues.plausibleInt(path, random);
    }

    private static Object whole(Schema type, String path, int index, Random random) {
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
            return TypicalValues.BASE_MILLIS + random.nextLong(TypicalValues.YEAR_MILLIS);
        }
        if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros) {
            return (TypicalValues.BASE_MILLIS + random.nextLong(TypicalValues.YEAR_MILLIS)) * 1000;
        }
        if (logical instanceof LogicalTypes.TimeMicros) {
            return random.nextLong(86_400_000_000L);
        }
        if (RealisticStrings.isId(path)) {
            return (long) index + 1;
        }
        return (long) TypicalValues.plausibleInt(path, random);
    }

    private static String bytes(Schema type, Random random) {
        if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            // an unscaled value with at most precision - 2 digits: 1234567 at scale 2 reads 12345.67
            BigInteger unscaled =
                    BigInteger.valueOf(random.nextLong((long) Math.pow(10, Math.min(decimal.getPrecision() - 2, 15))
                            + 1));
            return Base64.getEncoder().encodeToString(unscaled.toByteArray());
        }
        byte[] bytes = new byte[type.getType() == Schema.Type.FIXED ? type.getFixedSize() : 8];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Still valid for the schema, at an edge of its type. */
    private static Object boundary(Schema type, Random random) {
        LogicalType logical = type.getLogicalType();
        return switch (type.getType()) {
            case UNION ->
                type.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL)
                        ? null
                        : boundary(type.getTypes().get(0), random);
            case STRING ->
                logical instanceof LogicalTypes.Uuid
                        ? "00000000-0000-0000-0000-000000000000"
                        : pick(random, TypicalValues.EDGE_TEXTS);
            case INT ->
                logical instanceof LogicalTypes.Date
                        ? pick(random, List.of(0, TypicalValues.LAST_DAY))
                        : pick(random, List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1));
            case LONG ->
                logical instanceof LogicalTypes.TimestampMillis
                        ? pick(random, List.of(0L, TypicalValues.LAST_MILLIS))
                        : pick(random, List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
            case FLOAT -> pick(random, List.of(0.0f, -Float.MAX_VALUE, Float.MAX_VALUE, Float.MIN_VALUE));
            case DOUBLE -> pick(random, List.of(0.0, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MIN_VALUE));
            case BOOLEAN -> random.nextBoolean();
            case BYTES ->
                logical instanceof LogicalTypes.Decimal d
                        ? Base64.getEncoder()
                                .encodeToString(BigInteger.TEN
                                        .pow(d.getPrecision())
                                        .subtract(BigInteger.ONE)
                                        .toByteArray())
                        : "";
            case FIXED -> Base64.getEncoder().encodeToString(new byte[type.getFixedSize()]);
            case ENUM ->
                random.nextBoolean()
                        ? type.getEnumSymbols().get(0)
                        : type.getEnumSymbols().get(type.getEnumSymbols().size() - 1);
            case ARRAY -> List.of();
            case MAP -> Map.of();
            case RECORD, NULL -> null;
        };
    }

    /** A value of the wrong type for the field: encoding it with the schema fails. */
    private static Object invalid(Schema type) {
        Schema.Type kind = type.getType() == Schema.Type.UNION
                ? type.getTypes().stream()
                        .map(Schema::getType)
                        .filter(t -> t != Schema.Type.NULL)
                        .findFirst()
                        .orElse(Schema.Type.NULL)
                : type.getType();
        return switch (kind) {
            case STRING, ENUM, BYTES, FIXED -> Map.of("unexpected", "object");
            case NULL -> "not null";
            default -> "not a " + kind.getName();
        };
    }

    private void collectLeaves(Schema type, String prefix, int depth) {
        for (Schema.Field field : type.getFields()) {
            Schema nested = nonNull(field.schema());
            if (nested.getType() == Schema.Type.RECORD && depth < MAX_DEPTH) {
                collectLeaves(nested, prefix + field.name() + ".", depth + 1);
            } else {
                leaves.add(prefix + field.name());
            }
        }
    }

    private boolean isRecordPath(String path) {
        return leaves.stream().anyMatch(leaf -> leaf.startsWith(path + "."));
    }

    private static Schema nonNull(Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return type;
        }
        List<Schema> branches = type.getTypes().stream()
                .filter(s -> s.getType() != Schema.Type.NULL)
                .toList();
        return branches.size() == 1 ? branches.get(0) : type;
    }

    private static boolean isRequired(Schema.Field field) {
        return !field.hasDefaultValue() && nonNull(field.schema()) == field.schema();
    }

    private static boolean endsWithId(String path) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        return name.equalsIgnoreCase("id") || name.endsWith("_id") || name.endsWith("Id") || name.endsWith("-id");
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
