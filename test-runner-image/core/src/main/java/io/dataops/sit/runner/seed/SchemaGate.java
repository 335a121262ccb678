package io.dataops.sit.runner.seed;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.GateTypes;
import io.dataops.sit.api.v1alpha1.spec.SchemaCheck;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schema drift: the tables of an expected-schema file ({@code tables: {orders: {id: bigint, amount:
 * numeric(10,2)}}}, YAML or JSON) against information_schema.columns. Types are compared as PostgreSQL names them
 * (the file's {@code int8}, {@code varchar(64)} or {@code timestamptz} are canonicalised by the server itself, so any
 * spelling PostgreSQL accepts works); a type written without {@code (...)} matches any length or precision. Only the
 * tables the file names are compared.
 */
final class SchemaGate {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern MODIFIER = Pattern.compile("\\(([0-9 ,]+)\\)");
    private static final int LISTED = 10;

    record ExpectedSchema(LinkedHashMap<String, LinkedHashMap<String, String>> tables) {}

    private SchemaGate() {}

    static SeedResult.GateResult check(Connection db, byte[] file, SchemaCheck check, String name)
            throws SQLException, SeedException {
        String where = "schema file " + check.describeSource();
        ExpectedSchema expected;
        try {
            expected = YAML.readValue(file, new TypeReference<ExpectedSchema>() {});
        } catch (IOException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new SeedException(RunReason.BAD_INPUT, where + " is not a schema: " + why, null);
        }
        if (expected == null || expected.tables() == null || expected.tables().isEmpty()) {
            throw new SeedException(
                    RunReason.BAD_INPUT, where + " names no tables (tables: {TABLE: {COLUMN: TYPE}})", null);
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        List<String> otherType = new ArrayList<>();
        int columns = 0;
        for (Map.Entry<String, LinkedHashMap<String, String>> table :
                expected.tables().entrySet()) {
            Map<String, String> wanted = table.getValue() == null ? Map.of() : table.getValue();
            columns += wanted.size();
            Map<String, String> actual = actualColumns(db, table.getKey());
            if (actual.isEmpty()) {
                missing.add("table " + table.getKey());
                continue;
            }
            Map<String, String> unmatched = new LinkedHashMap<>(actual);
            for (Map.Entry<String, String> column : wanted.entrySet()) {
                String columnName = actual.containsKey(column.getKey())
                        ? column.getKey()
                        : column.getKey().toLowerCase(Locale.ROOT);
                String actualType = unmatched.remove(columnName);
                String qualified = table.getKey() + "." + column.getKey();
                if (actualType == null) {
                    missing.add(qualified);
                } else if (!sameType(db, actualType, column.getValue(), where, qualified)) {
                    otherType.add(qualified + " is " + actualType + ", expected " + column.getValue());
                }
            }
            if (!check.extraColumnsAllowed()) {
                unmatched.forEach((column, type) -> extra.add(table.getKey() + "." + column + " " + type));
            }
        }
        boolean passed = missing.isEmpty() && extra.isEmpty() && otherType.isEmpty();
        String observed = passed
                ? "matches"
                : missing.size() + " missing, " + extra.size() + " extra, " + otherType.size() + " of another type";
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing: " + listed(missing));
        }
        if (!extra.isEmpty()) {
            parts.add("extra: " + listed(extra));
        }
        if (!otherType.isEmpty()) {
            parts.add("other type: " + listed(otherType));
        }
        String message = passed
                ? expected.tables().size() + " table(s), " + columns + " column(s) as in " + check.describeSource()
                : String.join("; ", parts);
        return new SeedResult.GateResult(
                name,
                passed,
                message,
                GateTypes.SCHEMA,
                observed,
                "the " + columns + " column(s) of " + expected.tables().size() + " table(s) in "
                        + check.describeSource());
    }

    /** Column name to its type as PostgreSQL writes it, with the declared length or precision; empty: no table. */
    private static Map<String, String> actualColumns(Connection db, String table) throws SQLException {
        int dot = table.indexOf('.');
        String sql = "SELECT c.column_name,"
                + " format_type(to_regtype(quote_ident(c.udt_schema) || '.' || quote_ident(c.udt_name))::oid, NULL),"
                + " c.data_type, c.character_maximum_length, c.numeric_precision, c.numeric_scale"
                + " FROM information_schema.columns c"
                + " WHERE c.table_schema = " + (dot < 0 ? "current_schema()" : "?") + " AND c.table_name = ?"
                + " ORDER BY c.ordinal_position";
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement(sql)) {
            if (dot < 0) {
                s.setString(1, table);
            } else {
                s.setString(1, table.substring(0, dot));
                s.setString(2, table.substring(dot + 1));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    String dataType = rs.getString(3);
                    if (("character varying".equals(dataType) || "character".equals(dataType))
                            && rs.getObject(4) != null) {
                        type += "(" + rs.getInt(4) + ")";
                    } else if ("numeric".equals(dataType) && rs.getObject(5) != null) {
                        type += "(" + rs.getInt(5) + "," + rs.getInt(6) + ")";
                    }
                    columns.put(rs.getString(1), type);
                }
            }
        }
        return columns;
    }

    /** Whether the actual type (canonical, with its modifier) is the expected one as PostgreSQL reads it. */
    private static boolean sameType(Connection db, String actual, String expected, String where, String column)
            throws SQLException, SeedException {
        if (expected == null || expected.isBlank()) {
            throw new SeedException(RunReason.BAD_INPUT, where + ": " + column + " has no type", null);
        }
        Matcher modifier = MODIFIER.matcher(expected);
        String expectedModifier = modifier.find() ? modifier.group(1).replace(" ", "") : null;
        String expectedBase =
                canonical(db, MODIFIER.matcher(expected).replaceAll("").strip());
        if (expectedBase == null) {
            throw new SeedException(
                    RunReason.BAD_INPUT, where + ": " + column + ": PostgreSQL knows no type '" + expected + "'", null);
        }
        Matcher actualModifier = MODIFIER.matcher(actual);
        String actualMod = actualModifier.find() ? actualModifier.group(1) : null;
        String actualBase = MODIFIER.matcher(actual).replaceAll("");
        return actualBase.equals(expectedBase) && (expectedModifier == null || expectedModifier.equals(actualMod));
    }

    private static String canonical(Connection db, String type) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT format_type(to_regtype(?)::oid, NULL)")) {
            s.setString(1, type);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) { // a syntax error in the type name
                return null;
            }
            throw e;
        }
    }

    private static String listed(List<String> items) {
        return items.size() <= LISTED
                ? String.join(", ", items)
                : String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }
}
