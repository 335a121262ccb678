package io.dataops.sit.runner.seed;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.GateTypes;
import io.dataops.sit.api.v1alpha1.spec.MigrationCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database's schema migration version against the expected one, compared as text: read by the check's query, or
 * from Flyway's history (the latest successful versioned migration) or a schema_migrations table (Rails,
 * golang-migrate: the highest version).
 */
final class MigrationGate {

    static final String FLYWAY = "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
            + " ORDER BY installed_rank DESC LIMIT 1";
    static final String SCHEMA_MIGRATIONS = "SELECT max(version)::text FROM schema_migrations";

    private MigrationGate() {}

    static SeedResult.GateResult check(Connection db, MigrationCheck check, String name) throws SQLException {
        String expected = check.getVersion().strip();
        String query = check.getQuery();
        String from = "the check's query";
        if (query == null) {
            if (exists(db, "flyway_schema_history")) {
                query = FLYWAY;
                from = "flyway_schema_history";
            } else if (exists(db, "schema_migrations")) {
                query = SCHEMA_MIGRATIONS;
                from = "schema_migrations";
            } else {
                return new SeedResult.GateResult(
                        name,
                        false,
                        "neither flyway_schema_history nor schema_migrations exists; set migration.query",
                        GateTypes.MIGRATION_VERSION,
                        "no migration table",
                        expected);
            }
        }
        String actual;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            actual = rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return new SeedResult.GateResult(
                    name,
                    false,
                    "query failed: " + Redaction.firstLine(e.getMessage()),
                    GateTypes.MIGRATION_VERSION,
                    "query failed",
                    expected);
        }
        String observed = actual == null ? "none" : actual.strip();
        return new SeedResult.GateResult(
                name,
                expected.equals(observed),
                "migration version " + observed + " (from " + from + "), expected " + expected,
                GateTypes.MIGRATION_VERSION,
                observed,
                expected);
    }

    private static boolean exists(Connection db, String table) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
