package io.dataops.sit.runner.seed;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.DataCheck;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.FileSource;
import io.dataops.sit.api.v1alpha1.spec.ManifestFile;
import io.dataops.sit.api.v1alpha1.spec.MigrationCheck;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.runner.env.FixtureResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dataset manifest (YAML or JSON), checked before any row is loaded:
 *
 * <pre>
 * version: orders-golden-v3
 * files:
 *   - key: customers.csv            # a key of the manifest's own ConfigMap
 *     sha256: 3b1f...
 *   - configMap: orders-schema      # or of another ConfigMap the seed steps read
 *     key: schema.sql
 *     sha256: 9c2e...
 * expects:
 *   appVersion: 1.4.2               # recorded in status
 *   migrationVersion: "42"          # checked after seeding, as a migrationVersion gate
 *   migrationQuery: SELECT ...      # optional, as checks[].migration.query
 * </pre>
 *
 * Drift is any of: a listed file whose SHA-256 differs, a ConfigMap file a seed step reads that the manifest does not
 * list, a spec datasetVersion other than the manifest's version.
 */
public final class DatasetManifest {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-fA-F]{64}$");

    record Content(String version, List<FileEntry> files, Expects expects) {}

    record FileEntry(String configMap, String key, String sha256) {}

    record Expects(String appVersion, String migrationVersion, String migrationQuery) {}

    private final Content content;
    private final ManifestFile source;
    private final String sha256;

    private DatasetManifest(Content content, ManifestFile source, String sha256) {
        this.content = content;
        this.source = source;
        this.sha256 = sha256;
    }

    /** Reads and validates the manifest itself: a manifest that cannot be read as one is BadInput. */
    public static DatasetManifest read(ManifestFile source, FixtureResolver fixtures)
            throws IOException, SeedException {
        byte[] bytes = source.getInline() != null
                ? source.getInline().getBytes(StandardCharsets.UTF_8)
                : fixtures.read(source.getConfigMapRef());
        String where = "dataset manifest " + source.describeSource();
        Content content;
        try {
            content = YAML.readValue(bytes, Content.class);
        } catch (JacksonException e) {
            throw new SeedException(RunReason.BAD_INPUT, where + " is not a manifest: " + e.getOriginalMessage(), null);
        }
        List<String> problems = new ArrayList<>();
        if (content == null || content.version() == null || content.version().isBlank()) {
            problems.add("no version");
        }
        if (content == null || content.files() == null || content.files().isEmpty()) {
            problems.add("no files");
        } else {
            for (int i = 0; i < content.files().size(); i++) {
                FileEntry f = content.files().get(i);
                if (f == null || f.key() == null || f.key().isBlank()) {
                    problems.add("files[" + i + "] has no key");
                } else if (f.sha256() == null || !SHA256.matcher(f.sha256()).matches()) {
                    problems.add("files[" + i + "] (" + f.key() + ") has no sha256 of 64 hex digits");
                }
                if (f != null && f.configMap() == null && source.getConfigMapRef() == null) {
                    problems.add(
                            "files[" + i + "] names no configMap (an inline manifest has no ConfigMap of its own)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SeedException(RunReason.BAD_INPUT, where + ": " + String.join(", ", problems), null);
        }
        return new DatasetManifest(content, source, hex(sha256().digest(bytes)));
    }

    public String version() {
        return content.version();
    }

    /** What the seed result and the status record (no drift). */
    public SeedResult.DatasetResult result() {
        Expects expects = content.expects();
        return new SeedResult.DatasetResult(
                content.version(),
                source.describeSource(),
                sha256,
                content.files().size(),
                expects == null ? null : expects.appVersion(),
                expects == null ? null : expects.migrationVersion(),
                null);
    }

    /** The migration-version gate the manifest asks for, or null. */
    public DataCheck migrationGate() {
        Expects expects = content.expects();
        if (expects == null || expects.migrationVersion() == null) {
            return null;
        }
        MigrationCheck migration = new MigrationCheck();
        migration.setVersion(expects.migrationVersion());
        migration.setQuery(expects.migrationQuery());
        DataCheck check = new DataCheck();
        check.setName("dataset " + content.version() + ": migration version " + expects.migrationVersion());
        check.setMigration(migration);
        return check;
    }

    /**
     * Everything that drifted, or null when the dataset is the manifest's: checksums first (the first file that
     * differs is named with both hashes), then files the seed steps read that are not listed, then the version.
     */
    public String drift(DatabaseSpec spec, FixtureResolver fixtures) throws IOException {
        List<String> drift = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        for (FileEntry f : content.files()) {
            ConfigMapKeyRef ref = new ConfigMapKeyRef();
            ref.setName(
                    f.configMap() != null
                            ? f.configMap()
                            : source.getConfigMapRef().getName());
            ref.setKey(f.key());
            listed.add(ref.getName() + "/" + ref.getKey());
            String actual;
            MessageDigest digest = sha256();
            try (InputStream in = new DigestInputStream(StreamingFixtures.open(fixtures, ref), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            actual = hex(digest.digest());
            if (!actual.equalsIgnoreCase(f.sha256())) {
                drift.add(ref.getName() + "/" + ref.getKey() + " has sha256 " + actual + ", the manifest says "
                        + f.sha256().toLowerCase(Locale.ROOT));
            }
        }
        List<SeedStep> steps = spec.getSeed();
        for (int i = 0; i < steps.size(); i++) {
            FileSource step = steps.get(i).getSql() != null
                    ? steps.get(i).getSql()
                    : steps.get(i).getCsv();
            if (step != null && step.getConfigMapRef() != null) {
                String file = step.getConfigMapRef().getName() + "/"
                        + step.getConfigMapRef().getKey();
                if (!listed.contains(file)) {
                    drift.add("seed step " + i + " reads " + file + ", which the manifest does not list");
                }
            }
        }
        if (spec.getDatasetVersion() != null && !spec.getDatasetVersion().equals(content.version())) {
            drift.add("datasetVersion is " + spec.getDatasetVersion() + ", the manifest's version is "
                    + content.version());
        }
        return drift.isEmpty() ? null : "dataset manifest " + source.describeSource() + ": " + String.join("; ", drift);
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
