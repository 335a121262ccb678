package io.dataops.sit.runner.seed;

import io.dataops.sit.runner.env.DatabaseConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A seeded database kept as a template, and restored from it: PostgreSQL copies a database's files with
 * {@code CREATE DATABASE ... TEMPLATE}, far cheaper than seeding again. Both run from the server's maintenance
 * database ({@code postgres}), as the database's own user (who creates databases in the run's server).
 */
public final class DatabaseSnapshot {

    private DatabaseSnapshot() {}

    /** The template's name: the database's, with a suffix, within PostgreSQL's 63 bytes. */
    public static String nameOf(String database) {
        String suffix = "_sit_snapshot";
        return (database.length() + suffix.length() > 63 ? database.substring(0, 63 - suffix.length()) : database)
                + suffix;
    }

    /** Copies the database (no one else may be connected: it runs right after seeding). */
    public static Duration take(DatabaseConnection db) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = maintenance(db);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quote(nameOf(db.database())));
            s.execute("CREATE DATABASE " + quote(nameOf(db.database())) + " TEMPLATE " + quote(db.database()));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Replaces the database by a copy of its snapshot; sessions still connected to it are ended (FORCE). */
    public static Duration restore(DatabaseConnection db) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = maintenance(db);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quote(db.database()) + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + quote(db.database()) + " TEMPLATE " + quote(nameOf(db.database())));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Connection maintenance(DatabaseConnection db) throws SQLException {
        DatabaseConnection postgres =
                new DatabaseConnection(db.name(), db.host(), db.port(), "postgres", db.user(), db.password());
        return DriverManager.getConnection(postgres.jdbcUrl(), db.user(), db.password());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
