package io.dataops.sit.runner.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Plain Avro binary encoding of single records (no container header, no schema-registry prefix): what
 * "with schema" publishes and what consumed records are decoded from. Converting a map to a record
 * names the first field that does not fit, so a schema mismatch is reported precisely.
 */
public final class AvroCodec {

    private AvroCodec() {}

    public static byte[] encode(Map<String, Object> values, Schema schema, String source)
            throws DataFiles.SchemaMismatchException {
        GenericRecord record = (GenericRecord) convert(values, schema, source, "");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new DataFiles.SchemaMismatchException(
                    source + ": record does not fit schema " + schema.getFullName() + ": " + e.getMessage());
        }
    }

    /** Decodes one value; null when the bytes are not exactly one record of this schema. */
    public static Map<String, Object> decodeOrNull(byte[] bytes, Schema schema) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
            return decoder.isEnd() ? DataFiles.recordToMap(record) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Object convert(Object value, Schema schema, String source, String path)
            throws DataFiles.SchemaMismatchException {
        switch (schema.getType()) {
            case UNION -> {
                DataFiles.SchemaMismatchException last = null;
                for (Schema branch : schema.getTypes()) {
                    try {
                        return convert(value, branch, source, path);
                    } catch (DataFiles.SchemaMismatchException e) {
                        last = e;
                    }
                }
                throw last != null ? last : mismatch(source, path, schema, value);
            }
            case NULL -> {
                if (value == null) {
                    return null;
                }
                throw mismatch(source, path, schema, value);
            }
            case RECORD -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw mismatch(source, path, schema, value);
                }
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
                    if (!map.containsKey(field.name())) {
                        if (field.hasDefaultValue()) {
                            record.put(field.pos(), GenericData.get().getDefaultValue(field));
                            continue;
                        }
                        if (isNullable(field.schema())) {
                            record.put(field.pos(), null);
                            continue;
                        }
                        throw new DataFiles.SchemaMismatchException(source + ": field '" + fieldPath
                                + "' is required by schema " + schema.getFullName() + " but missing from the record");
                    }
                    record.put(field.pos(), convert(map.get(field.name()), field.schema(), source, fieldPath));
                }
                for (Object key : map.keySet()) {
                    if (schema.getField(String.valueOf(key)) == null) {
                        throw new DataFiles.SchemaMismatchException(
                                source + ": field '" + (path.isEmpty() ? key : path + "." + key) + "' is not in schema "
                                        + schema.getFullName());
                    }
                }
                return record;
            }
            case STRING -> {
                if (value instanceof CharSequence) {
                    return value.toString();
                }
                throw mismatch(source, path, schema, value);
            }
            case ENUM -> {
                if (value instanceof CharSequence s && schema.getEnumSymbols().contains(s.toString())) {
                    return new GenericData.EnumSymbol(schema, s.toString());
                }
                throw mismatch(source, path, schema, value);
            }
            case INT -> {
                Number n = number(value, source, path, schema);
                if (n.longValue() != n.doubleValue()
                        || n.longValue() > Integer.MAX_VALUE
                        || n.longValue() < Integer.MIN_VALUE) {
                    throw mismatch(source, path, schema, value);
                }
                return n.intValue();
            }
            case LONG -> {
                Number n = number(value, source, path, schema);
                if (n.longValue() != n.doubleValue()) {
                    throw mismatch(source, path, schema, value);
                }
                return n.longValue();
            }
            case FLOAT -> {
                return number(value, source, path, schema).floatValue();
            }
            case DOUBLE -> {
                return number(value, source, path, schema).doubleValue();
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s);
                }
                throw mismatch(source, path, schema, value);
            }
            case BYTES -> {
                if (value instanceof String s) {
                    return ByteBuffer.wrap(Base64.getDecoder().decode(s));
                }
                throw mismatch(source, path, schema, value);
            }
            case FIXED -> {
                if (value instanceof String s) {
                    return new GenericData.Fixed(schema, Base64.getDecoder().decode(s));
                }
                throw mismatch(source, path, schema, value);
            }
            case ARRAY -> {
                if (!(value instanceof Collection<?> items)) {
                    throw mismatch(source, path, schema, value);
                }
                List<Object> out = new ArrayList<>();
                int i = 0;
                for (Object item : items) {
                    out.add(convert(item, schema.getElementType(), source, path + "[" + i++ + "]"));
                }
                return new GenericData.Array<>(schema, out);
            }
            case MAP -> {
                if (!(value instanceof Map<?, ?> map)) {
                    throw mismatch(source, path, schema, value);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put(
                            String.valueOf(e.getKey()),
                            convert(e.getValue(), schema.getValueType(), source, path + "." + e.getKey()));
                }
                return out;
            }
            default -> throw mismatch(source, path, schema, value);
        }
    }

    private static boolean isNullable(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || (schema.getType() == Schema.Type.UNION
                        && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL));
    }

    private static Number number(Object value, String source, String path, Schema schema)
            throws DataFiles.SchemaMismatchException {
        if (value instanceof Number n) {
            return n;
        }
        if (value instanceof String s) {
            // CSV fixtures carry every value as text.
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                throw mismatch(source, path, schema, value);
            }
        }
        throw mismatch(source, path, schema, value);
    }

    private static DataFiles.SchemaMismatchException mismatch(String source, String path, Schema schema, Object value) {
        String type = schema.getType() == Schema.Type.UNION
                ? schema.toString()
                : schema.getType().getName();
        return new DataFiles.SchemaMismatchException(
                source + ": field '" + (path.isEmpty() ? "<record>" : path) + "' should be " + type + " but is "
                        + (value == null ? "null" : value.getClass().getSimpleName() + " " + abbreviate(value)));
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
