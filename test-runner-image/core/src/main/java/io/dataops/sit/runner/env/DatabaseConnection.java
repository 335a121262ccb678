package io.dataops.sit.runner.env;

/** Where a database of the run is and how to log in. {@link #toString()} never shows the password. */
public record DatabaseConnection(String name, String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "DatabaseConnection[" + name + " " + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
