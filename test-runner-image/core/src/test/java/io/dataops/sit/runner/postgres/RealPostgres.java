package io.dataops.sit.runner.postgres;

import io.dataops.sit.runner.env.DatabaseConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests, as a JUnit extension:
 * {@code @RegisterExtension static final RealPostgres postgres = new RealPostgres();}. The server starts once, when
 * the first class of the test JVM asks for it, and serves every class after it (a start costs seconds); it stops
 * when the JVM's tests end. Tests never share data: each takes databases of its own ({@link #freshDatabase}).
 */
public final class RealPostgres implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealPostgres.class);
    private static final AtomicInteger CREATED = new AtomicInteger();

    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class)
                .server();
    }

    /** A new, empty database on the server, as the run's database {@code name} (user and password postgres). */
    public DatabaseConnection freshDatabase(String name) throws SQLException {
        String database = "test_" + CREATED.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return new DatabaseConnection(name, "localhost", server().getPort(), database, "postgres", "postgres");
    }

    public EmbeddedPostgres server() {
        if (server == null) {
            throw new IllegalStateException(
                    "RealPostgres is used before its class started: register it on a static field");
        }
        return server;
    }

    /** The first column of every row {@code sql} returns, as text. */
    public static List<String> query(DatabaseConnection db, String sql) throws SQLException {
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

    /** Runs {@code sql} (statements without results) on {@code db}. */
    public static void execute(DatabaseConnection db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The JVM's one server, closed by JUnit with the root context. */
    private record SharedServer(EmbeddedPostgres server) implements AutoCloseable {

        static SharedServer start() {
            try {
                return new SharedServer(EmbeddedPostgres.builder().start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
