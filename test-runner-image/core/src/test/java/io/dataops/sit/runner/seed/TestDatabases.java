package io.dataops.sit.runner.seed;

import io.dataops.sit.runner.env.DatabaseConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The seed tests' plumbing: a fresh database on a test's embedded PostgreSQL server, and reading rows back. */
final class TestDatabases {

    private static final AtomicInteger CREATED = new AtomicInteger();

    private TestDatabases() {}

    /** A new, empty database on {@code server}, as the run's database {@code name}. */
    static DatabaseConnection fresh(EmbeddedPostgres server, String name) throws SQLException {
        String database = "test_" + CREATED.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return new DatabaseConnection(name, "localhost", server.getPort(), database, "postgres", "postgres");
    }

    /** The first column of every row {@code sql} returns, as text. */
    static List<String> query(DatabaseConnection db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }
}
