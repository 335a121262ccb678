package io.dataops.sit.operator.dependents.postgres;

import static io.dataops.sit.operator.Constants.COMPONENT_DATABASE;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.operator.dependents.RunScoped;
import io.dataops.sit.operator.naming.RunNames;
import io.dataops.sit.operator.secrets.RunSecretDependent;
import io.dataops.sit.operator.secrets.RunSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials of each database server, {@code <db>-postgres-credentials}: keys username, password
 * (24 random characters), host, port, database.
 *
 * <p>Create-only: an existing Secret is never rewritten; a password is generated once and never again (a new one
 * would lock the running server's clients out). {@code data}, not {@code stringData}: the API server turns
 * stringData into data.
 *
 * <p>No informer (that would need cluster-wide list/watch on Secrets): each reconcile GETs the run's Secrets in the
 * run namespace and creates the missing ones ({@link RunSecrets}).
 *
 * <p>Workflow (for the reconciler): dependsOn the run namespace; no readyPostcondition;
 * {@link PostgresStatefulSetDependent} dependsOn it.
 */
public class PostgresSecretDependent extends RunSecretDependent {

    public static final String USERNAME_KEY = "username";
    public static final String PASSWORD_KEY = "password";
    public static final String HOST_KEY = "host";
    public static final String PORT_KEY = "port";
    public static final String DATABASE_KEY = "database";
    static final int PASSWORD_LENGTH = 24;
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String getName(String database) {
        return database + "-postgres-credentials";
    }

    @Override
    public ReconcileResult<Secret> reconcile(SitRun run, Context<SitRun> context) {
        List<ReconcileResult<Secret>> results = new ArrayList<>();
        for (DatabaseSpec db : run.getSpec().getDatabases()) {
            if (db.external()) {
                continue; // someone else's server: its credentials come from the tenant's Secret
            }
            var existing = RunSecrets.get(context, RunNames.namespace(run), getName(db.getName()));
            results.add(
                    existing.isPresent()
                            ? ReconcileResult.noOperation(existing.get())
                            : ReconcileResult.resourceCreated(RunSecrets.create(context, desired(run, db, null))));
        }
        return ReconcileResult.aggregatedResult(results);
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
                .withMetadata(RunScoped.metadata(run, getName(db.getName()), COMPONENT_DATABASE, db.getName()))
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
