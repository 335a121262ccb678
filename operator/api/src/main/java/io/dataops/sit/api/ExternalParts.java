package io.dataops.sit.api;

import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.ExternalPostgres;
import io.dataops.sit.api.v1alpha1.status.NotIsolatedStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The brokers and databases of a run that exist already (spec.brokers[].external, spec.databases[].external): what
 * is not isolated about them, said the same way in status.notIsolated and by local mode, and the CRD's rules on them
 * once more for the processes that read a SitRun without the API server (local mode) or stored before the rules.
 */
public final class ExternalParts {

    private ExternalParts() {}

    /** One entry per external broker or database, in spec order. */
    public static List<NotIsolatedStatus> notIsolated(SitRunSpec spec) {
        List<NotIsolatedStatus> shared = new ArrayList<>();
        for (BrokerSpec broker : spec.getBrokers()) {
            if (broker.external()) {
                shared.add(new NotIsolatedStatus(
                        NotIsolatedStatus.KIND_BROKER,
                        broker.getName(),
                        broker.getExternal().getBootstrapServers(),
                        "broker " + broker.getName() + " is external: its topics and consumer groups are shared with "
                                + "its other users, and the records the run produces stay there"));
            }
        }
        for (DatabaseSpec db : spec.getDatabases()) {
            if (db.external() && isValid(db.getExternal())) {
                ExternalPostgres ext = db.getExternal();
                shared.add(new NotIsolatedStatus(
                        NotIsolatedStatus.KIND_DATABASE,
                        db.getName(),
                        ext.endpoint() + "/" + ext.database(),
                        "database " + db.getName() + " is external: it is shared with its other users, and "
                                + (ext.seedAllowed() ? "the rows the seed and " : "the rows ")
                                + "the systems and scenarios write are not removed"));
            }
        }
        return shared;
    }

    /** Why the spec's external entries are invalid (the CRD's rules), or empty. */
    public static Optional<String> refusal(SitRunSpec spec) {
        for (BrokerSpec broker : spec.getBrokers()) {
            // Both, not neither: the CRD requires one, and code built SitRuns without kafka have meant the defaults.
            if (broker.getKafka() != null && broker.getExternal() != null) {
                return Optional.of("broker " + broker.getName()
                        + ": a broker is either provisioned (kafka) or an existing one (external), not both");
            }
            if (broker.external() && broker.getExternal().endpoints().isEmpty()) {
                return Optional.of("broker " + broker.getName() + ": external.bootstrapServers is empty");
            }
        }
        for (DatabaseSpec db : spec.getDatabases()) {
            if (db.getPostgres() != null && db.getExternal() != null) {
                return Optional.of("database " + db.getName()
                        + ": a database is either provisioned (postgres) or an existing one (external), not both");
            }
            if (!db.external()) {
                continue;
            }
            if (!isValid(db.getExternal())) {
                return Optional.of("database " + db.getName()
                        + ": external.jdbcUrl must be jdbc:postgresql://<host>[:<port>]/<database>");
            }
            if (db.getExternal().getCredentialsSecretRef() == null) {
                return Optional.of("database " + db.getName() + ": external.credentialsSecretRef is required");
            }
            if (db.snapshotRequested()) {
                return Optional.of("database " + db.getName()
                        + ": snapshot copies a database the run owns; an external database cannot have one");
            }
            if (!db.getExternal().seedAllowed() && writesData(db)) {
                return Optional.of("database " + db.getName() + ": seeding or masking an external database writes "
                        + "into someone else's data and is never undone: set external.allowSeed: true to allow it");
            }
        }
        return Optional.empty();
    }

    /** Seed steps or masking.columns: the seed would write into the database. */
    public static boolean writesData(DatabaseSpec db) {
        return !db.getSeed().isEmpty()
                || (db.getMasking() != null && !db.getMasking().getColumns().isEmpty());
    }

    private static boolean isValid(ExternalPostgres ext) {
        return ext.getJdbcUrl() != null && ext.getJdbcUrl().matches(ExternalPostgres.JDBC_URL_PATTERN);
    }
}
