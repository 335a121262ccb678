package io.dataops.sit.runner.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * Loads fixture records from JSON (one object or an array), JSON lines, CSV (with a header row) or
 * Avro container files. The format follows the file extension (.json, .jsonl/.ndjson, .csv, .avro);
 * every record becomes a plain map so steps treat all formats alike.
 */
public final class DataFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();

    private DataFiles() {}

    /**
     * @param avroSchema reader schema for Avro files (the file's own schema when empty); ignored for other formats
     */
    public static List<Map<String, Object>> load(Path file, Optional<Path> avroSchema) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".avro")) {
            return loadAvro(
                    file, avroSchema.isPresent() ? Optional.of(parseSchema(avroSchema.get())) : Optional.empty());
        }
        if (name.endsWith(".csv")) {
            return loadCsv(file);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return loadJsonLines(file);
        }
        if (name.endsWith(".json")) {
            return loadJson(file);
        }
        throw new IOException("unsupported fixture format '" + file.getFileName()
                + "' (supported: .json, .jsonl, .ndjson, .csv, .avro)");
    }

    public static Schema parseSchema(Path avsc) throws IOException {
        try {
            return new Schema.Parser().parse(avsc.toFile());
        } catch (SchemaParseException e) {
            throw new IOException("invalid Avro schema " + avsc.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static List<Map<String, Object>> loadJson(Path file) throws IOException {
        return parseJsonText(
                Files.readString(file, StandardCharsets.UTF_8),
                file.getFileName().toString());
    }

    /** JSON text holding one object, an array of objects, or one object per line. */
    public static List<Map<String, Object>> parseJsonText(String content, String source) throws IOException {
        String text = content.strip();
        // One object per line is common enough in .json files to accept it as JSON lines.
        if (text.startsWith("{") && text.contains("\n") && looksLikeJsonLines(text)) {
            return parseJsonLines(text.lines().toList(), source);
        }
        Path file = Path.of(source);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new IOException(source + ": not JSON: " + e.getMessage(), e);
        }
        List<Map<String, Object>> records = new ArrayList<>();
        if (root == null || root.isMissingNode()) {
            return records;
        }
        if (root.isArray()) {
            for (JsonNode node : root) {
                records.add(toMap(node, file));
            }
        } else {
            records.add(toMap(root, file));
        }
        return records;
    }

    private static boolean looksLikeJsonLines(String text) {
        String[] lines = text.split("\\R");
        if (lines.length < 2) {
            return false;
        }
        try {
            JSON.readTree(lines[0]);
            return lines[0].strip().endsWith("}");
        } catch (IOException e) {
            return false;
        }
    }

    static List<Map<String, Object>> loadJsonLines(Path file) throws IOException {
        return parseJsonLines(
                Files.readAllLines(file, StandardCharsets.UTF_8),
                file.getFileName().toString());
    }

    private static List<Map<String, Object>> parseJsonLines(List<String> lines, String source) throws IOException {
        Path file = Path.of(source);
        List<Map<String, Object>> records = new ArrayList<>();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(toMap(JSON.readTree(line), file));
            } catch (IOException e) {
                throw new IOException(
                        file.getFileName() + ":" + lineNumber + ": not a JSON object: " + e.getMessage(), e);
            }
        }
        return records;
    }

    static List<Map<String, Object>> loadCsv(Path file) throws IOException {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, Object>> records = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = CSV.readerFor(new TypeReference<Map<String, String>>() {})
                .with(schema)
                .readValues(file.toFile())) {
            while (rows.hasNext()) {
                records.add(new LinkedHashMap<>(rows.next()));
            }
        }
        return records;
    }

    static List<Map<String, Object>> loadAvro(Path file, Optional<Schema> readerSchema) throws IOException {
        GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>();
        List<Map<String, Object>> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                DataFileStream<GenericRecord> stream = new DataFileStream<>(in, datumReader)) {
            readerSchema.ifPresent(datumReader::setExpected);
            for (GenericRecord record : stream) {
                records.add(recordToMap(record));
            }
        } catch (AvroTypeException e) {
            throw new SchemaMismatchException(file.getFileName() + " does not fit the given schema: " + e.getMessage());
        } catch (IOException e) {
            if (e instanceof SchemaMismatchException) {
                throw e;
            }
            throw new IOException(file.getFileName() + " is not an Avro container file: " + e.getMessage(), e);
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node, Path file) throws IOException {
        if (!node.isObject()) {
            throw new IOException(
                    file.getFileName() + ": every record must be a JSON object, found " + node.getNodeType());
        }
        return JSON.convertValue(node, LinkedHashMap.class);
    }

    /** An Avro record as a map of plain Java values (String, Long, Double, Map, List...). */
    public static Map<String, Object> recordToMap(GenericRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            map.put(field.name(), plain(record.get(field.pos())));
        }
        return map;
    }

    private static Object plain(Object value) {
        if (value instanceof GenericRecord r) {
            return recordToMap(r);
        }
        if (value instanceof Utf8 || value instanceof CharSequence || value instanceof GenericData.EnumSymbol) {
            return value.toString();
        }
        if (value instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof GenericData.Fixed f) {
            return Base64.getEncoder().encodeToString(f.bytes());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k.toString(), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(v -> out.add(plain(v)));
            return out;
        }
        return value;
    }

    /** A record that does not fit its Avro schema. */
    public static final class SchemaMismatchException extends IOException {
        public SchemaMismatchException(String message) {
            super(message);
        }
    }
}
