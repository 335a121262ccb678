package io.dataops.sit.operator.dependents.postgres;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.PostgresSpec;
import io.dataops.sit.operator.naming.RunNames;

/** Connection facts of a run's PostgreSQL server that every pod and the status agree on. */
public final class Postgres {

    public static final int PORT = 5432;
    /** The application user; fixed, only its password is secret. */
    public static final String USER = "sit";

    private Postgres() {}

    /** {@code postgres.database}, default the entry name with '-' replaced by '_' (a valid SQL identifier). */
    public static String databaseName(DatabaseSpec db) {
        if (db.external()) {
            return db.getExternal().database();
        }
        if (db.getPostgres() != null && db.getPostgres().getDatabase() != null) {
            return db.getPostgres().getDatabase();
        }
        return db.getName().replace('-', '_');
    }

    public static String image(DatabaseSpec db) {
        if (db.getPostgres() != null && db.getPostgres().getImage() != null) {
            return db.getPostgres().getImage();
        }
        String version = db.getPostgres() == null
                ? PostgresSpec.DEFAULT_VERSION
                : db.getPostgres().versionOrDefault();
        return "postgres:" + version;
    }

    /** Service host in the run namespace ({@code .svc}: completed by the pod's DNS search path on any cluster domain). */
    public static String host(SitRun run, String database) {
        return PostgresServiceDependent.getName(database) + "." + RunNames.namespace(run) + ".svc";
    }

    /** The server's host: the run's Service, or an external database's own host. */
    public static String host(SitRun run, DatabaseSpec db) {
        return db.external() ? db.getExternal().host() : host(run, db.getName());
    }

    public static int port(DatabaseSpec db) {
        return db.external() ? db.getExternal().port() : PORT;
    }

    /** The Secret pods read the user name and password from, and its keys: the generated one, or the tenant's copy. */
    public record Credentials(String secret, String usernameKey, String passwordKey) {}

    public static Credentials credentials(DatabaseSpec db) {
        if (db.external()) {
            var ref = db.getExternal().getCredentialsSecretRef();
            return new Credentials(ref.getName(), ref.usernameKeyOrDefault(), ref.passwordKeyOrDefault());
        }
        return new Credentials(
                PostgresSecretDependent.getName(db.getName()),
                PostgresSecretDependent.USERNAME_KEY,
                PostgresSecretDependent.PASSWORD_KEY);
    }

    public static String jdbcUrl(SitRun run, DatabaseSpec db) {
        if (db.external()) {
            return db.getExternal().getJdbcUrl();
        }
        return "jdbc:postgresql://" + host(run, db.getName()) + ":" + PORT + "/" + databaseName(db);
    }
}
