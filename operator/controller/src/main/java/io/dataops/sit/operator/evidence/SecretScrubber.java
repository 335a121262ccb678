package io.dataops.sit.operator.evidence;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.aws.AwsNames;
import io.dataops.sit.operator.dependents.postgres.PostgresSecretDependent;
import io.dataops.sit.operator.secrets.ReferencedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes the values of the run's Secrets out of evidence text: a log line or an event that quotes a password must not
 * carry it into a ConfigMap tenants read. Every value (each line of a multi-line value and the value part of a
 * {@code key=value} line too, and its base64 form) of
 * at least {@link #MIN_LENGTH} characters becomes {@link #REDACTED}; shorter values would blank out ordinary words.
 * {@link Redaction} then masks what looks like a credential anyway (URL userinfo, password= assignments, bearer tokens).
 */
public final class SecretScrubber {

    public static final int MIN_LENGTH = 6;
    public static final String REDACTED = "[redacted]";

    private final List<String> values;

    private SecretScrubber(Collection<String> values) {
        // Longest first, so a value containing another is replaced whole.
        this.values = values.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public static SecretScrubber of(Collection<Secret> secrets) {
        Set<String> values = new LinkedHashSet<>();
        for (Secret secret : secrets) {
            if (secret.getData() != null) {
                secret.getData().values().forEach(encoded -> {
                    if (encoded != null) {
                        values.add(encoded);
                        try {
                            add(values, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
                        } catch (IllegalArgumentException notBase64) {
                            add(values, encoded);
                        }
                    }
                });
            }
            if (secret.getStringData() != null) {
                secret.getStringData().values().forEach(v -> add(values, v));
            }
        }
        values.removeIf(v -> v == null || v.length() < MIN_LENGTH);
        return new SecretScrubber(values);
    }

    /** The Secrets of the run namespace the operator made or copied, read by name (its Role has get, no list). */
    public static SecretScrubber forRun(KubernetesClient client, SitRun run, String runNamespace, List<String> notes) {
        Set<String> names = new LinkedHashSet<>(ReferencedSecrets.of(run).keySet());
        Set<String> databaseSecrets = new LinkedHashSet<>();
        run.getSpec().getDatabases().forEach(db -> databaseSecrets.add(PostgresSecretDependent.getName(db.getName())));
        names.addAll(databaseSecrets);
        if (run.getSpec().getAws() != null) {
            names.add(AwsNames.SECRET);
        }
        List<Secret> secrets = new ArrayList<>();
        for (String name : names) {
            try {
                Secret secret = client.secrets()
                        .inNamespace(runNamespace)
                        .withName(name)
                        .get();
                if (secret == null && ReferencedSecrets.of(run).containsKey(name)) {
                    // Not copied (yet): the tenant's original holds the same values.
                    secret = client.secrets()
                            .inNamespace(run.getMetadata().getNamespace())
                            .withName(name)
                            .get();
                }
                if (secret != null) {
                    // A database Secret also holds its host, port, user and database name: redacting those would blank
                    // out ordinary words of the evidence (the database "warehouse" in every path). Its password only.
                    secrets.add(databaseSecrets.contains(name) ? onlyPassword(secret) : secret);
                }
            } catch (RuntimeException e) {
                notes.add(
                        "secret " + name + " could not be read to scrub its values: " + Redaction.safe(e.getMessage()));
            }
        }
        return of(secrets);
    }

    private static Secret onlyPassword(Secret secret) {
        Secret password = new Secret();
        password.setMetadata(secret.getMetadata());
        if (secret.getData() != null && secret.getData().containsKey(PostgresSecretDependent.PASSWORD_KEY)) {
            password.setData(Map.of(
                    PostgresSecretDependent.PASSWORD_KEY, secret.getData().get(PostgresSecretDependent.PASSWORD_KEY)));
        }
        return password;
    }

    private static void add(Set<String> values, String value) {
        if (value == null) {
            return;
        }
        values.add(value);
        values.add(value.strip());
        value.lines().map(String::strip).forEach(line -> {
            values.add(line);
            // key=value files (the AWS credentials file, .env, properties): the value alone too.
            int separator = line.indexOf('=');
            if (separator > 0) {
                values.add(line.substring(separator + 1).strip());
            }
        });
        values.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    public int size() {
        return values.size();
    }

    /** The secret values redacted, then {@link Redaction#redact}: for evidence, which is raw cluster output. */
    public String scrub(String text) {
        return Redaction.redact(scrubValues(text));
    }

    /** Only the secret values redacted: for the runner's reports, which it has redacted its own way already. */
    public String scrubValues(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, REDACTED);
        }
        return out;
    }

    public byte[] scrub(byte[] content) {
        return scrub(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    List<String> values() {
        return new ArrayList<>(values);
    }
}
