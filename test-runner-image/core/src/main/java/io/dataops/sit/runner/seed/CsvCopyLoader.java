package io.dataops.sit.runner.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.spec.MaskFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams a CSV file into a table with PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)} through the
 * JDBC driver's copy API: the server parses the rows, nothing is inserted row by row, and the file is
 * read in chunks (never held whole in memory). The header line, when present, becomes the COPY column
 * list. Masked columns are rewritten on the way through: only then is the CSV parsed on this side.
 */
public final class CsvCopyLoader {

    /** Progress is logged every this many rows, and once at the end. */
    static final long PROGRESS_EVERY_ROWS = 100_000;

    private static final int CHUNK = 1 << 18;
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CopyManager copyManager;
    private final PrintStream progress;

    public CsvCopyLoader(CopyManager copyManager, PrintStream progress) {
        this.copyManager = copyManager;
        this.progress = progress;
    }

    /**
     * Loads in into table; returns the number of rows COPY reported. The caller owns the transaction
     * (and deletes the old rows first, in the same transaction).
     */
    public long load(
            InputStream in,
            String table,
            boolean header,
            char delimiter,
            Map<String, MaskFormat> maskColumns,
            Masker masker)
            throws IOException, SQLException, SeedException {
        List<String> columns = header ? parseHeader(readFirstLine(in), delimiter, table) : List.of();
        Map<Integer, MaskFormat> masked = maskedIndexes(columns, maskColumns, table);
        String sql = "COPY " + table + (columns.isEmpty() ? "" : " (" + columnList(columns) + ")")
                + " FROM STDIN WITH (FORMAT csv, HEADER false, DELIMITER " + quoteLiteral(delimiter) + ")";
        CopyIn copy = copyManager.copyIn(sql);
        try {
            long sent = masked.isEmpty()
                    ? streamRaw(in, copy, table)
                    : streamMasked(in, copy, table, delimiter, masked, masker);
            long rows = copy.endCopy();
            progress.printf("seed: %s: %,d rows loaded (done)%n", table, rows);
            return rows;
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
            }
        }
    }

    /**
     * Loads rows made in memory (generated data) into the columns with COPY, streamed in chunks: a null value is
     * NULL, an empty string stays an empty string, nested values (maps, lists) are written as JSON.
     */
    public long loadRows(String table, List<String> columns, Iterator<Map<String, Object>> rows) throws SQLException {
        String sql = "COPY " + table + (columns.isEmpty() ? "" : " (" + columnList(columns) + ")")
                + " FROM STDIN WITH (FORMAT csv, HEADER false)";
        CopyIn copy = copyManager.copyIn(sql);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK * 2);
            StringBuilder line = new StringBuilder(256);
            long sent = 0;
            while (rows.hasNext()) {
                Map<String, Object> row = rows.next();
                line.setLength(0);
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    Object value = row.get(columns.get(i));
                    if (value == null) {
                        continue; // empty and unquoted: NULL
                    }
                    String text = value instanceof Map<?, ?> || value instanceof List<?>
                            ? JSON.writeValueAsString(value)
                            : value.toString();
                    if (text.isEmpty()) {
                        line.append("\"\""); // quoted: an empty string, not NULL
                    } else {
                        appendCsvField(line, text, ',');
                    }
                }
                line.append('\n');
                out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
                if (out.size() >= CHUNK) {
                    copy.writeToCopy(out.toByteArray(), 0, out.size());
                    out.reset();
                }
                if (++sent % PROGRESS_EVERY_ROWS == 0) {
                    progress.printf("seed: %s: %,d rows sent (generated)%n", table, sent);
                }
            }
            if (out.size() > 0) {
                copy.writeToCopy(out.toByteArray(), 0, out.size());
            }
            long loaded = copy.endCopy();
            progress.printf("seed: %s: %,d rows generated and loaded (done)%n", table, loaded);
            return loaded;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a generated value as JSON: " + e.getOriginalMessage(), e);
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the original failure is what matters
                }
            }
        }
    }

    /** Passes the bytes through untouched; progress counts line ends (quoted line breaks are rare). */
    private long streamRaw(InputStream in, CopyIn copy, String table) throws IOException, SQLException {
        byte[] buffer = new byte[CHUNK];
        long lines = 0;
        long nextReport = PROGRESS_EVERY_ROWS;
        int n;
        while ((n = in.read(buffer)) > 0) {
            copy.writeToCopy(buffer, 0, n);
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            if (lines >= nextReport) {
                progress.printf("seed: %s: %,d rows sent%n", table, lines);
                nextReport = (lines / PROGRESS_EVERY_ROWS + 1) * PROGRESS_EVERY_ROWS;
            }
        }
        return lines;
    }

    private long streamMasked(
            InputStream in, CopyIn copy, String table, char delimiter, Map<Integer, MaskFormat> masked, Masker masker)
            throws IOException, SQLException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK * 2);
        StringBuilder line = new StringBuilder(256);
        long rows = 0;
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(schema)
                .readValues(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            while (it.hasNextValue()) {
                String[] fields = it.nextValue();
                if (fields.length == 1 && fields[0].isEmpty()) {
                    continue; // blank line
                }
                line.setLength(0);
                for (int i = 0; i < fields.length; i++) {
                    if (i > 0) {
                        line.append(delimiter);
                    }
                    MaskFormat format = masked.get(i);
                    String value = format != null ? masker.mask(fields[i], format) : fields[i];
                    appendCsvField(line, value, delimiter);
                }
                line.append('\n');
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                rows++;
                if (out.size() >= CHUNK) {
                    copy.writeToCopy(out.toByteArray(), 0, out.size());
                    out.reset();
                }
                if (rows % PROGRESS_EVERY_ROWS == 0) {
                    progress.printf("seed: %s: %,d rows sent (masked)%n", table, rows);
                }
            }
        }
        if (out.size() > 0) {
            copy.writeToCopy(out.toByteArray(), 0, out.size());
        }
        return rows;
    }

    /** Empty stays unquoted (NULL to COPY, as in the source file); others are quoted only when needed. */
    private static void appendCsvField(StringBuilder line, String value, char delimiter) {
        if (value.isEmpty()) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** Reads bytes up to and including the first line break. */
    private static String readFirstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static List<String> parseHeader(String line, char delimiter, String table)
            throws IOException, SeedException {
        if (line.isBlank()) {
            throw new SeedException(
                    RunReason.BAD_CSV, "CSV for table " + table + " is empty: header: true needs a header line", null);
        }
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvSchema.emptySchema().withColumnSeparator(delimiter))
                .readValues(line)) {
            List<String> columns = new ArrayList<>();
            for (String c : it.nextValue()) {
                columns.add(c.trim());
            }
            return columns;
        }
    }

    private static Map<Integer, MaskFormat> maskedIndexes(
            List<String> columns, Map<String, MaskFormat> maskColumns, String table) throws SeedException {
        Map<Integer, MaskFormat> indexes = new HashMap<>();
        if (maskColumns == null || maskColumns.isEmpty()) {
            return indexes;
        }
        if (columns.isEmpty()) {
            throw new SeedException(
                    RunReason.BAD_CSV, "masking columns of table " + table + " needs header: true", null);
        }
        for (String name : maskColumns.keySet()) {
            int index = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).equalsIgnoreCase(name)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new SeedException(
                        RunReason.BAD_CSV,
                        "mask column '" + name + "' is not in the CSV header of table " + table + " " + columns,
                        null);
            }
            indexes.put(index, maskColumns.get(name));
        }
        return indexes;
    }

    /** Plain names stay unquoted (PostgreSQL folds them like the CREATE TABLE did); others are quoted. */
    private static String columnList(List<String> columns) {
        StringBuilder b = new StringBuilder();
        for (String c : columns) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(PLAIN_IDENTIFIER.matcher(c).matches() ? c : "\"" + c.replace("\"", "\"\"") + "\"");
        }
        return b.toString();
    }

    private static String quoteLiteral(char c) {
        return c == '\'' ? "''''" : "'" + c + "'";
    }
}
