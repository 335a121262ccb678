package io.dataops.sit.runner.seed;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.ColumnCheck;
import io.dataops.sit.api.v1alpha1.spec.GateTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column's gates in one pass over the table: the null rate, the distinct ratio (distinct non-null values per
 * non-null value) and how many values fall outside [min, max], compared as the column's own type (the bounds are cast
 * to it, so '2026-01-01' is a date for a date column and 10 a number for a numeric one).
 */
final class ColumnGate {

    private ColumnGate() {}

    static SeedResult.GateResult check(Connection db, String table, String column, ColumnCheck check, String name)
            throws SQLException, SeedException {
        // The type comes from the catalog, not from the SitRun: safe to splice into the casts below.
        String type = columnType(db, table, column);
        StringBuilder sql = new StringBuilder("SELECT count(*), count(" + column + "), count(DISTINCT " + column + ")");
        sql.append(
                check.getMin() == null ? ", 0" : ", count(*) FILTER (WHERE " + column + " < CAST(? AS " + type + "))");
        sql.append(
                check.getMax() == null ? ", 0" : ", count(*) FILTER (WHERE " + column + " > CAST(? AS " + type + "))");
        sql.append(" FROM ").append(table);
        long rows;
        long present;
        long distinct;
        long below;
        long above;
        try (PreparedStatement s = db.prepareStatement(sql.toString())) {
            int parameter = 1;
            if (check.getMin() != null) {
                s.setString(parameter++, check.getMin());
            }
            if (check.getMax() != null) {
                s.setString(parameter, check.getMax());
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
                present = rs.getLong(2);
                distinct = rs.getLong(3);
                below = rs.getLong(4);
                above = rs.getLong(5);
            }
        } catch (SQLException e) {
            // e.g. a bound that is not a value of the column's type: the SitRun's mistake, named as such
            throw new SeedException(
                    RunReason.BAD_SPEC,
                    "gate " + name + ": " + table + "." + column + " (" + type + "): "
                            + Redaction.firstLine(e.getMessage()),
                    e);
        }
        double nullRate = rows == 0 ? 0 : (double) (rows - present) / rows;
        double distinctRatio = present == 0 ? 1 : (double) distinct / present;
        boolean passed = true;
        List<String> measured = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        if (check.getMaxNullRate() != null) {
            passed &= nullRate <= check.getMaxNullRate();
            measured.add(String.format(Locale.ROOT, "null rate %.4f (max %s)", nullRate, check.getMaxNullRate()));
            observed.add(String.format(Locale.ROOT, "null rate %.4f", nullRate));
            expected.add("null rate <= " + check.getMaxNullRate());
        }
        if (check.getMinDistinctRatio() != null) {
            passed &= distinctRatio >= check.getMinDistinctRatio();
            measured.add(String.format(
                    Locale.ROOT, "distinct ratio %.4f (min %s)", distinctRatio, check.getMinDistinctRatio()));
            observed.add(String.format(Locale.ROOT, "distinct ratio %.4f", distinctRatio));
            expected.add("distinct ratio >= " + check.getMinDistinctRatio());
        }
        if (check.getMin() != null) {
            passed &= below == 0;
            measured.add(below + " value(s) below " + check.getMin());
            observed.add(below + " below");
            expected.add(">= " + check.getMin());
        }
        if (check.getMax() != null) {
            passed &= above == 0;
            measured.add(above + " value(s) above " + check.getMax());
            observed.add(above + " above");
            expected.add("<= " + check.getMax());
        }
        return new SeedResult.GateResult(
                name,
                passed,
                table + "." + column + " over " + rows + " rows: " + String.join(", ", measured),
                GateTypes.COLUMN,
                String.join(", ", observed),
                String.join(", ", expected));
    }

    static String columnType(Connection db, String table, String column) throws SQLException, SeedException {
        try (PreparedStatement s = db.prepareStatement("SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = CAST(? AS regclass) AND a.attname = ? AND NOT a.attisdropped")) {
            s.setString(1, table);
            s.setString(2, column.toLowerCase(Locale.ROOT));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SeedException(
                            RunReason.BAD_SPEC, "gate on " + table + "." + column + ": no such column", null);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined table
                throw new SeedException(RunReason.BAD_SPEC, "gate on " + table + ": no such table", e);
            }
            throw e;
        }
    }
}
