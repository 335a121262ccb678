package io.dataops.sit.runner.seed;

import io.dataops.sit.api.v1alpha1.spec.MaskingPlan;
import io.dataops.sit.runner.env.DatabaseConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Rewrites masked columns of a table that is already loaded (by sql, generate, or a csv step without that mask),
 * in one pass per table and without a round trip per row: the rows' ids (ctid) and values stream out with
 * {@code COPY (SELECT ...) TO STDOUT} on a second connection, are masked here, stream into a temporary table with
 * {@code COPY ... FROM STDIN}, and one {@code UPDATE ... FROM} joins them back. The caller's transaction holds a
 * lock that keeps writers out (readers are not blocked), so the row ids cannot move in between; the count updated
 * must equal the count read, or the pass fails rather than leave rows unmasked.
 */
final class InPlaceMasking {

    private InPlaceMasking() {}

    /** Masks columns of table in the caller's open transaction on db; returns the number of rows rewritten. */
    static long mask(
            Connection db,
            DatabaseConnection connection,
            String table,
            List<MaskingPlan.Column> columns,
            Masker masker,
            String scratch)
            throws SQLException, IOException {
        StringBuilder list = new StringBuilder();
        StringBuilder anyNotNull = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (MaskingPlan.Column c : columns) {
            String name = c.column();
            list.append(", ").append(name);
            anyNotNull.append(anyNotNull.isEmpty() ? "" : " OR ").append(name).append(" IS NOT NULL");
            set.append(set.isEmpty() ? "" : ", ").append(name).append(" = m.").append(name);
        }
        try (Statement s = db.createStatement()) {
            s.execute("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
            // the same column types as the table, so COPY parses the masked text as the table would
            s.execute("CREATE TEMPORARY TABLE " + scratch + " ON COMMIT DROP AS SELECT ctid AS sit_row" + list
                    + " FROM " + table + " WITH NO DATA");
        }
        long read = 0;
        try (Connection reader =
                        DriverManager.getConnection(connection.jdbcUrl(), connection.user(), connection.password());
                BufferedReader rows = new BufferedReader(
                        new InputStreamReader(
                                new PGCopyInputStream(
                                        reader.unwrap(PGConnection.class),
                                        "COPY (SELECT ctid" + list + " FROM " + table + " WHERE " + anyNotNull
                                                + ") TO STDOUT"),
                                StandardCharsets.UTF_8),
                        1 << 16);
                PGCopyOutputStream out = new PGCopyOutputStream(
                        db.unwrap(PGConnection.class), "COPY " + scratch + " FROM STDIN", 1 << 18)) {
            StringBuilder line = new StringBuilder(256);
            String row;
            while ((row = rows.readLine()) != null) {
                String[] fields = row.split("\t", -1);
                line.setLength(0);
                line.append(fields[0]);
                for (int i = 1; i < fields.length; i++) {
                    line.append('\t');
                    String value = TextCopy.decode(fields[i]);
                    TextCopy.append(
                            line,
                            value == null
                                    ? null
                                    : masker.mask(value, columns.get(i - 1).as()));
                }
                line.append('\n');
                out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                read++;
            }
            out.endCopy();
        }
        long updated;
        try (Statement s = db.createStatement()) {
            updated = s.executeUpdate(
                    "UPDATE " + table + " t SET " + set + " FROM " + scratch + " m WHERE t.ctid = m.sit_row");
        }
        if (updated != read) {
            throw new SQLException("masking " + table + " rewrote " + updated + " of " + read + " rows");
        }
        return updated;
    }

    /** PostgreSQL's COPY text format: tab-separated, \N for NULL, backslash escapes. */
    static final class TextCopy {

        private TextCopy() {}

        static String decode(String field) {
            if (field.equals("\\N")) {
                return null;
            }
            if (field.indexOf('\\') < 0) {
                return field;
            }
            StringBuilder b = new StringBuilder(field.length());
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c != '\\' || i + 1 >= field.length()) {
                    b.append(c);
                    continue;
                }
                char e = field.charAt(++i);
                switch (e) {
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'v' -> b.append('\u000b');
                    default -> b.append(e); // \\ and any other escaped character stand for themselves
                }
            }
            return b.toString();
        }

        static void append(StringBuilder line, String value) {
            if (value == null) {
                line.append("\\N");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        }
    }
}
