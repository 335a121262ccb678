package io.dataops.sit.operator.dependents.postgres;

import static io.dataops.sit.operator.Constants.DATABASE_SELECTOR;
import static io.dataops.sit.operator.Constants.COMPONENT_DATABASE;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The credentials of each database server, {@code <db>-postgres-credentials}: keys username, password
 * (24 random characters), host, port, database.
 *
 * <p>Create-only: it implements no Updater, so JOSDK never matches nor rewrites it, and when the Secret exists
 * its data is reused as the desired state; a password is generated once and never again (a new one would
 * lock the running server's clients out). {@code data}, not {@code stringData}: the API server turns
 * stringData into data, which would look like a change forever.
 *
 * <p>Workflow (for the reconciler): dependsOn the run namespace; no readyPostcondition;
 * {@link PostgresStatefulSet} dependsOn it. Informer: Secrets with component=database only (never all Secrets).
 */
@KubernetesDependent(informer = @Informer(labelSelector = DATABASE_SELECTOR,
        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class PostgresSecret extends RunBulkDependent<Secret> {

    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";
    public static final String HOST_KEY = "host";
    public static final String PORT_KEY = "port";
    public static final String DATABASE_KEY = "database";
    static final int PASSWORD_LENGTH = 24;
    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public PostgresSecret() {
        super(Secret.class, COMPONENT_DATABASE);
    }

    public static String getName(String database) {
        return database + "-postgres-credentials";
    }

    @Override
    public Map<String, Secret> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Map<String, Secret> actual = actualByName(primary, context);
        Map<String, Secret> desired = new LinkedHashMap<>();
        for (DatabaseSpec db : primary.getSpec().getDatabases()) {
            desired.put(db.getName(), desired(primary, db, actual.get(getName(db.getName()))));
        }
        return desired;
    }

    /** A fresh Secret when {@code existing} is null; otherwise one carrying the existing data unchanged. */
    public static Secret desired(SitRun run, DatabaseSpec db, Secret existing) {
        Map<String, String> data;
        if (existing != null && existing.getData() != null && existing.getData().containsKey(PASSWORD_KEY)) {
            data = new LinkedHashMap<>(existing.getData());
        } else {
            data = new LinkedHashMap<>();
            data.put(USERNAME_KEY, base64(Postgres.USER));
            data.put(PASSWORD_KEY, base64(randomPassword()));
            data.put(HOST_KEY, base64(Postgres.host(run, db.getName())));
            data.put(PORT_KEY, base64(Integer.toString(Postgres.PORT)));
            data.put(DATABASE_KEY, base64(Postgres.databaseName(db)));
        }
        return new SecretBuilder()
                .withMetadata(metadata(run, COMPONENT_DATABASE, db.getName(), getName(db.getName())))
                .withType("Opaque")
                .withData(data)
                .build();
    }

    static String randomPassword() {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
