package io.dataops.sit.runner.steps;

import io.cucumber.java.en.Then;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.env.DatabaseConnection;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** SQL assertions against a database of the run. */
public class SqlSteps {

    /** table or schema.table, plain identifiers only: the name is put into SQL. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final ScenarioWorld world;
    private final RunContext run;

    public SqlSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @Then(StepTexts.TABLE_CONTAINS)
    public void tableContains(String table, long expected, String tolerance, String percent, String database) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "'" + table + "' is not a table name (letters, digits, _ and one optional schema.)");
        }
        Tolerance t = Tolerance.of(expected, tolerance, percent);
        Object count = queryOne("SELECT count(*) FROM " + table, database);
        BigDecimal actual = new BigDecimal(String.valueOf(count));
        ThresholdResult r = new ThresholdResult(
                "table " + table + " contains " + t.describe() + " rows",
                t.expected(),
                t.tolerance(),
                actual,
                t.accepts(actual));
        r.setToleranceUnit(t.unit());
        run.record(world, r);
    }

    @Then(StepTexts.QUERY_RETURNS_WITHIN)
    public void queryReturnsWithin(String sql, String low, String high, String database) {
        BigDecimal lo = new BigDecimal(low);
        BigDecimal hi = new BigDecimal(high);
        Object value = queryOne(sql, database);
        BigDecimal actual = asNumber(value);
        boolean passed = actual != null && actual.compareTo(lo) >= 0 && actual.compareTo(hi) <= 0;
        // Recorded as the midpoint +/- half the range, so every threshold has the same shape.
        BigDecimal two = BigDecimal.valueOf(2);
        ThresholdResult r = new ThresholdResult(
                "query \"" + sql + "\" within " + low + " and " + high,
                lo.add(hi).divide(two),
                hi.subtract(lo).divide(two),
                actual,
                passed);
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        if (actual == null) {
            r.setMessage("query returned " + value + ", not a number");
        }
        run.record(world, r);
    }

    @Then(StepTexts.QUERY_RETURNS)
    public void queryReturns(String sql, String expectedText, String database) {
        String expected = unquote(expectedText.strip());
        Object value = queryOne(sql, database);
        BigDecimal expectedNumber = asNumber(expected);
        BigDecimal actualNumber = asNumber(value);
        boolean passed = expectedNumber != null && actualNumber != null
                ? expectedNumber.compareTo(actualNumber) == 0
                : expected.equals(String.valueOf(value));
        ThresholdResult r = new ThresholdResult(
                "query \"" + sql + "\" returns " + expectedText.strip(),
                expectedNumber,
                expectedNumber == null ? null : BigDecimal.ZERO,
                actualNumber,
                passed);
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        if (expectedNumber == null || actualNumber == null) {
            r.setMessage("expected '" + expected + "', got '" + value + "'");
        }
        run.record(world, r);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith("\"") && s.endsWith("\"")))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static BigDecimal asNumber(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(String.valueOf(value).strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** First column of the first row (null when no row). */
    private Object queryOne(String sql, String database) {
        DatabaseConnection db;
        try {
            db = run.env().database(database);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StepError(RunReason.BAD_INPUT, e.getMessage());
        }
        // The data evidence samples the tables steps looked at (SELECT count(*) FROM <table> included).
        run.touchedData().addTablesFromSql(db.name(), sql);
        Connection connection;
        try {
            Properties props = new Properties();
            props.setProperty("user", db.user());
            props.setProperty("password", db.password() == null ? "" : db.password());
            props.setProperty("connectTimeout", "10");
            connection = DriverManager.getConnection(db.jdbcUrl(), props);
        } catch (SQLException e) {
            throw new StepError(
                    RunReason.DATABASE_UNREACHABLE,
                    "cannot connect to database " + db.name() + " at " + db.host() + ":" + db.port() + ": "
                            + e.getMessage());
        }
        try (connection;
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(
                    "query failed on database " + db.name() + ": " + e.getMessage() + " — SQL: " + sql);
        }
    }
}
