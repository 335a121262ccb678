package io.dataops.sit.runner.seed;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.DataCheck;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.ForeignKeyCheck;
import io.dataops.sit.api.v1alpha1.spec.GateTypes;
import io.dataops.sit.runner.env.DatabaseConnection;
import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Foreign keys across databases ({@code checks[].foreignKey.database}): every non-null value of the checked column
 * must exist in the referenced column of another database of the run.
 *
 * <p>Why the runner checks them, not a seed Job: a seed Job holds only its own database's credentials, and the seed
 * Jobs run side by side, so the other database may not be seeded yet when its gates run. The runner Job starts once
 * every seed Job succeeded and has every database's connection (SIT_DB_&lt;NAME&gt;_*); local mode runs the same code
 * after seeding every database. The check runs before the first scenario and a failure ends the run as GateFailed.
 *
 * <p>How: the checked column's distinct values stream from the one server (a cursor, with their row counts) and are
 * looked up in batches on the other ({@code unnest} of the batch, each value cast to the referenced column's type, so
 * its index is used): memory stays bounded by the batch, whatever the table's size.
 */
public final class CrossDatabaseGates {

    static final int BATCH = 1000;
    private static final Pattern TABLE_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$");
    private static final Pattern COLUMN_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private CrossDatabaseGates() {}

    /** Whether any database of the run declares a check against another database. */
    public static boolean any(List<DatabaseSpec> databases) {
        return databases.stream().anyMatch(db -> db.getChecks().stream().anyMatch(c -> c.crossDatabase(db.getName())));
    }

    /**
     * Checks every cross-database gate; each result names the database of the checked table. Throws (BadSpec,
     * DatabaseUnreachable, SqlError) when a gate cannot be evaluated at all.
     */
    public static List<SeedResult.GateResult> check(
            List<DatabaseSpec> databases, Function<String, DatabaseConnection> connections, PrintStream progress)
            throws SeedException {
        List<SeedResult.GateResult> results = new ArrayList<>();
        for (DatabaseSpec db : databases) {
            for (DataCheck check : db.getChecks()) {
                if (!check.crossDatabase(db.getName())) {
                    continue;
                }
                SeedResult.GateResult gate =
                        checkOne(db.getName(), check, connections).withDatabase(db.getName());
                progress.printf(
                        "gate %s (database %s): %s — %s%n",
                        gate.name(), db.getName(), gate.passed() ? "passed" : "FAILED", gate.message());
                results.add(gate);
            }
        }
        return results;
    }

    private static SeedResult.GateResult checkOne(
            String database, DataCheck check, Function<String, DatabaseConnection> connections) throws SeedException {
        ForeignKeyCheck fk = check.getForeignKey();
        String name = check.displayName();
        String table = require(TABLE_NAME, check.getTable(), "table");
        String column = require(COLUMN_NAME, fk.getColumn(), "column");
        int dot = fk.getReferences().lastIndexOf('.');
        String parent = require(TABLE_NAME, fk.getReferences().substring(0, Math.max(dot, 0)), "table");
        String parentColumn = require(COLUMN_NAME, fk.getReferences().substring(dot + 1), "column");
        DatabaseConnection child = connection(connections, database, name);
        DatabaseConnection referenced = connection(connections, fk.getDatabase(), name);
        String target = fk.getDatabase() + ":" + fk.getReferences();
        try (Connection from = open(child, name);
                Connection to = open(referenced, name)) {
            String type = ColumnGate.columnType(to, parent, parentColumn); // from the catalog: safe to splice
            from.setAutoCommit(false); // a cursor: the values stream instead of arriving all at once
            long orphanRows = 0;
            long orphanValues = 0;
            long checkedValues = 0;
            try (Statement values = from.createStatement();
                    PreparedStatement lookup = to.prepareStatement("SELECT v FROM unnest(CAST(? AS text[])) AS v"
                            + " WHERE NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE p." + parentColumn
                            + " = CAST(v AS " + type + "))")) {
                values.setFetchSize(BATCH);
                try (ResultSet rs = values.executeQuery("SELECT CAST(" + column + " AS text), count(*) FROM " + table
                        + " WHERE " + column + " IS NOT NULL GROUP BY " + column)) {
                    Map<String, Long> batch = new HashMap<>();
                    boolean more = true;
                    while (more) {
                        more = rs.next();
                        if (more) {
                            batch.put(rs.getString(1), rs.getLong(2));
                            checkedValues++;
                        }
                        if (batch.size() == BATCH || (!more && !batch.isEmpty())) {
                            for (String missing : missing(to, lookup, batch)) {
                                orphanValues++;
                                orphanRows += batch.get(missing);
                            }
                            batch.clear();
                        }
                    }
                }
            } finally {
                from.rollback();
            }
            return new SeedResult.GateResult(
                    name,
                    orphanRows == 0,
                    orphanRows + " row(s) of " + table + " (" + orphanValues + " of " + checkedValues
                            + " distinct value(s)) have a " + column + " missing from " + target + ", expected 0",
                    GateTypes.CROSS_DATABASE_FOREIGN_KEY,
                    orphanRows + " orphan row(s)",
                    "0 orphan rows");
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("22")) {
                // a value of the checked column that is no value of the referenced column's type: not a reference
                return new SeedResult.GateResult(
                        name,
                        false,
                        table + "." + column + " holds a value that is not of the type of " + target + ": "
                                + Redaction.firstLine(e.getMessage()),
                        GateTypes.CROSS_DATABASE_FOREIGN_KEY,
                        "values of another type",
                        "0 orphan rows");
            }
            RunReason reason = state.startsWith("42")
                    ? RunReason.BAD_SPEC // no such table or column
                    : state.startsWith("08") ? RunReason.DATABASE_UNREACHABLE : RunReason.SQL_ERROR;
            throw new SeedException(reason, "gate " + name + ": " + Redaction.firstLine(e.getMessage()), e);
        }
    }

    private static List<String> missing(Connection to, PreparedStatement lookup, Map<String, Long> batch)
            throws SQLException {
        Array values = to.createArrayOf("text", batch.keySet().toArray());
        lookup.setArray(1, values);
        List<String> missing = new ArrayList<>();
        try (ResultSet rs = lookup.executeQuery()) {
            while (rs.next()) {
                missing.add(rs.getString(1));
            }
        }
        values.free();
        return missing;
    }

    private static DatabaseConnection connection(
            Function<String, DatabaseConnection> connections, String database, String gate) throws SeedException {
        try {
            return connections.apply(database);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SeedException(RunReason.BAD_SPEC, "gate " + gate + ": " + e.getMessage(), e);
        }
    }

    private static Connection open(DatabaseConnection db, String gate) throws SeedException {
        try {
            return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        } catch (SQLException e) {
            throw new SeedException(
                    RunReason.DATABASE_UNREACHABLE,
                    "gate " + gate + ": cannot connect to database " + db.name() + ": "
                            + Redaction.firstLine(e.getMessage()),
                    e);
        }
    }

    // Names are spliced into SQL: plain identifiers only (the CRD enforces the same patterns).
    private static String require(Pattern pattern, String name, String what) throws SeedException {
        if (name == null || !pattern.matcher(name).matches()) {
            throw new SeedException(RunReason.BAD_SPEC, "not a " + what + " name: '" + name + "'", null);
        }
        return name;
    }
}
