package io.dataops.sit.runner.evidence;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dataops.sit.runner.env.DatabaseConnection;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * One database's part of the data evidence: {@code databases/<db>/row-counts.txt} (exact counts of every user table),
 * {@code schema.sql} (CREATE TABLE with columns, types, nullability, defaults and constraints, read from pg_catalog
 * like pg_dump --schema-only) and {@code sample/<table>.csv} (the first rows of the tables the run touched).
 */
final class DatabaseEvidence {

    private static final CsvMapper CSV = new CsvMapper();

    private DatabaseEvidence() {}

    record Table(String schema, String name) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }

        String label() {
            return schema + "." + name;
        }
    }

    static void collect(
            DatabaseConnection db,
            Set<String> sampleTables,
            DataEvidenceSettings settings,
            Instant deadline,
            EvidenceSink sink) {
        String folder = "databases/" + EvidenceSink.safe(db.name()) + "/";
        int seconds = (int) Math.max(1, settings.perCall().toSeconds());
        Properties props = new Properties();
        props.setProperty("user", db.user());
        props.setProperty("password", db.password() == null ? "" : db.password());
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds * 3));
        props.setProperty("ApplicationName", "sit-evidence");
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), props)) {
            connection.setReadOnly(true);
            List<Table> tables = userTables(connection, seconds);
            StringBuilder counts = new StringBuilder();
            StringBuilder schema =
                    new StringBuilder("-- schema of database " + db.name() + " (user tables), read from pg_catalog\n");
            for (Table table : tables) {
                if (Instant.now().isAfter(deadline)) {
                    sink.note(folder + ": " + table.label() + " and later tables not captured, evidence time is up");
                    break;
                }
                counts.append(table.label())
                        .append('\t')
                        .append(count(connection, table, seconds))
                        .append('\n');
                try {
                    schema.append('\n').append(createTable(connection, table, seconds));
                } catch (SQLException e) {
                    schema.append("\n-- ")
                            .append(table.label())
                            .append(": not described: ")
                            .append(e.getMessage())
                            .append('\n');
                }
            }
            sink.add(folder + "row-counts.txt", counts.toString());
            sink.add(folder + "schema.sql", schema.toString());
            for (String wanted : sampleTables) {
                Table table = resolve(wanted, tables);
                if (table == null) {
                    sink.note(folder + "sample/" + wanted + ".csv: no such table");
                } else if (Instant.now().isAfter(deadline)) {
                    sink.note(folder + "sample/" + table.label() + ".csv: not captured, evidence time is up");
                } else {
                    try {
                        sink.add(
                                folder + "sample/" + EvidenceSink.safe(table.label()) + ".csv",
                                sample(connection, table, settings.rows(), seconds));
                    } catch (SQLException | IOException e) {
                        sink.note(folder + "sample/" + table.label() + ".csv: not captured: " + e.getMessage());
                    }
                }
            }
        } catch (SQLException e) {
            // The driver's messages name host and database, never the password.
            sink.note(folder + ": database " + db.name() + " at " + db.host() + ":" + db.port() + " not captured: "
                    + e.getMessage());
        }
    }

    static List<Table> userTables(Connection c, int seconds) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(seconds);
            try (ResultSet rs = s.executeQuery("""
                    SELECT n.nspname, r.relname FROM pg_catalog.pg_class r
                    JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
                    WHERE r.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
                    ORDER BY 1, 2""")) {
                while (rs.next()) {
                    tables.add(new Table(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return tables;
    }

    private static String count(Connection c, Table table, int seconds) {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(seconds);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table.qualified())) {
                rs.next();
                return String.valueOf(rs.getLong(1));
            }
        } catch (SQLException e) {
            return "not counted: " + e.getMessage();
        }
    }

    static String createTable(Connection c, Table table, int seconds) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_catalog.pg_get_expr(d.adbin, d.adrelid)
                FROM pg_catalog.pg_attribute a
                LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            s.setQueryTimeout(seconds);
            s.setString(1, table.qualified());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add("    " + quote(rs.getString(1)) + " " + rs.getString(2)
                            + (rs.getString(4) == null ? "" : " DEFAULT " + rs.getString(4))
                            + (rs.getBoolean(3) ? " NOT NULL" : ""));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT conname, pg_catalog.pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint
                WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'f', 'c')
                ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'f' THEN 2 ELSE 3 END, conname""")) {
            s.setQueryTimeout(seconds);
            s.setString(1, table.qualified());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add("    CONSTRAINT " + quote(rs.getString(1)) + " " + rs.getString(2));
                }
            }
        }
        return "CREATE TABLE " + table.qualified() + " (\n" + String.join(",\n", lines) + "\n);\n";
    }

    /** The first {@code rows} rows as CSV with a header line (Jackson's CSV writer does the quoting). */
    static String sample(Connection c, Table table, int rows, int seconds) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(seconds);
            s.setMaxRows(rows);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.qualified() + " LIMIT " + rows)) {
                ResultSetMetaData md = rs.getMetaData();
                StringWriter out = new StringWriter();
                try (SequenceWriter csv = CSV.writerFor(String[].class)
                        .with(CsvSchema.emptySchema())
                        .writeValues(out)) {
                    String[] header = new String[md.getColumnCount()];
                    for (int i = 0; i < header.length; i++) {
                        header[i] = md.getColumnName(i + 1);
                    }
                    csv.write(header);
                    while (rs.next()) {
                        String[] row = new String[header.length];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getString(i + 1);
                        }
                        csv.write(row);
                    }
                }
                return out.toString();
            }
        }
    }

    /** A step's table name (plain names are matched in any schema, public first). */
    static Table resolve(String wanted, List<Table> tables) {
        String lower = wanted.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        Set<Table> matches = new LinkedHashSet<>();
        for (Table t : tables) {
            boolean nameMatches = t.name().toLowerCase(Locale.ROOT).equals(dot < 0 ? lower : lower.substring(dot + 1));
            boolean schemaMatches =
                    dot < 0 || t.schema().toLowerCase(Locale.ROOT).equals(lower.substring(0, dot));
            if (nameMatches && schemaMatches) {
                matches.add(t);
            }
        }
        return matches.stream()
                .filter(t -> t.schema().equals("public"))
                .findFirst()
                .orElse(matches.stream().findFirst().orElse(null));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
