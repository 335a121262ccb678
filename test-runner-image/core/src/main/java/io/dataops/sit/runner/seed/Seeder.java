package io.dataops.sit.runner.seed;

import io.dataops.sit.api.ExternalParts;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.CsvSeed;
import io.dataops.sit.api.v1alpha1.spec.DataCheck;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.FileSource;
import io.dataops.sit.api.v1alpha1.spec.GateTypes;
import io.dataops.sit.api.v1alpha1.spec.GenerateSeed;
import io.dataops.sit.api.v1alpha1.spec.MaskFormat;
import io.dataops.sit.api.v1alpha1.spec.MaskingPlan;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.FixtureResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Seeds one database: applies the spec's seed steps in order, then checks its data-quality gates.
 *
 * <p>Idempotency. Every applied step is recorded in {@value #HISTORY_TABLE} with the SHA-256 of what it
 * applied (content plus the step's settings). A step is skipped when it and every step before it are
 * recorded with the same hash, so seeding the same dataset twice is a no-op, and a changed step is
 * re-applied together with every later step (a changed schema script may have recreated the tables the
 * later CSV steps filled). CSV steps replace the table's rows (DELETE then COPY in one transaction), so
 * re-applying them never duplicates; SQL scripts must themselves be idempotent (CREATE TABLE IF NOT
 * EXISTS, INSERT ... ON CONFLICT DO NOTHING) because a changed script runs again on the old data.
 *
 * <p>SQL scripts run in one transaction through a single {@code Statement.execute}: PgJDBC splits the
 * script into statements itself, respecting quotes, dollar-quoted bodies ({@code $$ ... $$},
 * {@code $fn$ ... $fn$}) and comments. Limits: psql meta-commands ({@code \copy}, {@code \i}) are not SQL
 * and fail; {@code COPY ... FROM STDIN} inside a script has no data to read (use a csv step);
 * statements that cannot run in a transaction (CREATE DATABASE, VACUUM, CREATE INDEX CONCURRENTLY) fail;
 * BEGIN/COMMIT inside the script break the all-or-nothing guarantee.
 */
public final class Seeder {

    public static final String HISTORY_TABLE = "sit_seed_history";
    private static final Pattern TABLE_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$");
    private static final Pattern COLUMN_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final FixtureResolver fixtures;
    private final PrintStream progress;
    private final Masker masker;

    public Seeder(FixtureResolver fixtures, PrintStream progress, Masker masker) {
        this.fixtures = fixtures;
        this.progress = progress;
        this.masker = masker;
    }

    public Seeder(FixtureResolver fixtures, PrintStream progress) {
        this(fixtures, progress, Masker.fromEnvironment());
    }

    /** Seeds and checks; never throws: failures are in the result (FAILED for gates, ERROR otherwise). */
    public SeedResult seed(DatabaseSpec spec, DatabaseConnection connection) {
        SeedResult result = new SeedResult();
        result.setDatabase(spec.getName());
        result.setDatasetVersion(spec.getDatasetVersion());
        MaskingPlan masking = MaskingPlan.of(spec);
        if (!masking.isEmpty()) {
            result.setMasking(new SeedResult.MaskingReport(
                    masker.usesDefaultKey()
                            ? SeedResult.MaskingReport.KEY_DEFAULT
                            : SeedResult.MaskingReport.KEY_PRIVATE,
                    masking.declared(),
                    masking.masked(),
                    masking.unmasked()));
        }
        if (!masking.unmasked().isEmpty()) {
            // Before connecting: loading personal data unmasked into a shared cluster is what masking prevents.
            return error(
                    result,
                    RunReason.PII_UNMASKED,
                    "database " + spec.getName() + ": columns declared PII would be loaded unmasked: "
                            + String.join(", ", masking.unmasked())
                            + " (add them to masking.columns, or to the csv.mask of the step that last loads "
                            + "their table); nothing was loaded");
        }
        if (spec.masksColumns() && masker.usesDefaultKey()) {
            // Pseudonyms under the public project key can be recomputed by anyone: never silently.
            progress.printf(
                    "seed: WARNING database %s masks with the public default key; set maskingKeySecretRef (%s)%n",
                    spec.getName(), Masker.KEY_ENV);
        }
        try (Connection db =
                DriverManager.getConnection(connection.jdbcUrl(), connection.user(), connection.password())) {
            // The manifest before anything is written: a drifted dataset loads no row.
            DatasetManifest manifest = checkManifest(spec, result);
            if (!spec.external() || ExternalParts.writesData(spec)) {
                // An external database the seed only reads (its gates) gets no table of ours either.
                createHistoryTable(db);
            }
            Map<String, Long> loadedRows = new LinkedHashMap<>();
            // Masked in place before the gates and the snapshot: both must see only masked values.
            boolean unchanged = applySteps(spec, masking, db, loadedRows, result.getDatasetVersion());
            maskInPlace(spec, masking, db, connection, unchanged, result.getDatasetVersion());
            if (result.getMasking() != null) {
                progress.printf(
                        "seed: masking database %s: %d column(s) masked %s, %d declared PII, none unmasked, key %s%n",
                        spec.getName(),
                        masking.masked().size(),
                        masking.masked(),
                        masking.declared().size(),
                        result.getMasking().key());
            }
            countTables(spec, db, result, loadedRows);
            checkGates(gatesOf(spec, manifest), db, result);
        } catch (SeedException e) {
            return error(result, e.reason(), e.getMessage());
        } catch (FixtureResolver.FixtureNotFoundException e) {
            return error(result, RunReason.FIXTURE_NOT_FOUND, e.getMessage());
        } catch (SQLException e) {
            return error(
                    result,
                    RunReason.SQL_ERROR,
                    "database " + spec.getName() + ": " + Redaction.firstLine(e.getMessage()));
        } catch (IOException e) {
            return error(result, RunReason.FIXTURE_UNREADABLE, e.toString());
        }
        List<SeedResult.GateResult> failed =
                result.getGates().stream().filter(g -> !g.passed()).toList();
        if (failed.isEmpty()) {
            String snapshot = "";
            if (spec.snapshotRequested()) {
                // after the connection above closed: a template must have no session
                try {
                    Duration took = DatabaseSnapshot.take(connection);
                    snapshot = ", snapshot " + DatabaseSnapshot.nameOf(connection.database()) + " taken in "
                            + took.toMillis() + " ms";
                    progress.printf("seed: database %s%s%n", spec.getName(), snapshot);
                } catch (SQLException e) {
                    return error(
                            result,
                            RunReason.SQL_ERROR,
                            "database " + spec.getName() + ": cannot take its snapshot: "
                                    + Redaction.firstLine(e.getMessage()));
                }
            }
            result.setOutcome(Outcome.PASSED);
            result.setMessage("seeded " + result.getTotalRows() + " rows"
                    + (result.getGates().isEmpty()
                            ? ""
                            : ", " + result.getGates().size() + " gate(s) passed")
                    + snapshot);
        } else {
            result.end(
                    Outcome.FAILED,
                    RunReason.GATE_FAILED,
                    String.join(
                            "; ",
                            failed.stream()
                                    .map(g -> g.name() + ": " + g.message())
                                    .toList()));
        }
        progress.printf(
                "seed: database %s %s: %s%n",
                spec.getName(), result.getOutcome().value(), result.getMessage());
        return result;
    }

    /**
     * Reads and checks the dataset manifest (none: null). Drift ends the seed as DatasetDrift before any row is
     * loaded; the manifest is recorded in the result either way, and its version stands in for a missing
     * datasetVersion.
     */
    private DatasetManifest checkManifest(DatabaseSpec spec, SeedResult result) throws IOException, SeedException {
        if (spec.getDataset() == null || spec.getDataset().getManifest() == null) {
            return null;
        }
        DatasetManifest manifest = DatasetManifest.read(spec.getDataset().getManifest(), fixtures);
        result.setDataset(manifest.result());
        if (result.getDatasetVersion() == null) {
            result.setDatasetVersion(manifest.version());
        }
        String drift = manifest.drift(spec, fixtures);
        if (drift != null) {
            result.setDataset(manifest.result().withDrift(drift));
            throw new SeedException(RunReason.DATASET_DRIFT, "database " + spec.getName() + ": " + drift, null);
        }
        progress.printf(
                "seed: database %s dataset %s matches its manifest (%d file(s), sha256 %s)%n",
                spec.getName(),
                manifest.version(),
                manifest.result().files(),
                manifest.result().manifestSha256());
        return manifest;
    }

    /**
     * The gates a seed checks: the spec's, without those reading another database (the runner checks them once every
     * database is seeded), and the manifest's migration version.
     */
    private static List<DataCheck> gatesOf(DatabaseSpec spec, DatasetManifest manifest) {
        List<DataCheck> gates = new ArrayList<>();
        for (DataCheck check : spec.getChecks()) {
            if (!check.crossDatabase(spec.getName())) {
                gates.add(check);
            }
        }
        DataCheck migration = manifest == null ? null : manifest.migrationGate();
        if (migration != null) {
            gates.add(migration);
        }
        return gates;
    }

    private SeedResult error(SeedResult result, RunReason reason, String message) {
        return error(result, reason.value(), message);
    }

    private SeedResult error(SeedResult result, String reason, String message) {
        result.end(Outcome.ERROR, reason, message);
        progress.printf("seed: database %s Error (%s): %s%n", result.getDatabase(), reason, message);
        return result;
    }

    private static void createHistoryTable(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " ("
                    + "step_index integer NOT NULL, kind text NOT NULL, source text NOT NULL, sha256 text NOT NULL, "
                    + "dataset_version text, applied_at timestamptz NOT NULL DEFAULT now(), rows bigint)");
        }
    }

    /** Applies the steps; returns whether every one was skipped as unchanged. */
    private boolean applySteps(
            DatabaseSpec spec, MaskingPlan masking, Connection db, Map<String, Long> loadedRows, String datasetVersion)
            throws SQLException, IOException, SeedException {
        boolean unchangedSoFar = true;
        List<SeedStep> steps = spec.getSeed();
        for (int i = 0; i < steps.size(); i++) {
            SeedStep step = steps.get(i);
            String kind = step.getSql() != null ? "sql" : step.getCsv() != null ? "csv" : "generate";
            FileSource source = step.getSql() != null ? step.getSql() : step.getCsv();
            if (source == null && step.getGenerate() == null) {
                throw new SeedException(
                        RunReason.BAD_SPEC, "seed step " + i + " has none of sql, csv or generate", null);
            }
            String label = step.describe();
            // The content hash decides whether a step can be skipped. A step never applied here (a fresh
            // database, the usual case) needs no separate pass over its content: the hash is computed while
            // the content streams into the database.
            MessageDigest digest = settingsDigest(step, masking);
            String hash = null;
            if (unchangedSoFar && hasHistory(db, i)) {
                // generated rows depend on their settings only (the seed makes them the same every time)
                hash = source == null ? HexFormat.of().formatHex(digest.digest()) : finishHash(digest, source);
                if (alreadyApplied(db, i, hash)) {
                    progress.printf("seed: step %d (%s) unchanged since it was applied, skipped%n", i, label);
                    continue;
                }
            }
            unchangedSoFar = false;
            progress.printf("seed: step %d: %s%n", i, label);
            db.setAutoCommit(false);
            try {
                MessageDigest streaming = hash == null ? digest : null;
                long rows = switch (kind) {
                    case "sql" -> runSql(db, source, streaming);
                    case "csv" -> loadCsv(db, step.getCsv(), masking, streaming);
                    default -> loadGenerated(db, step.getGenerate());
                };
                record(
                        db,
                        i,
                        kind,
                        label,
                        hash != null ? hash : HexFormat.of().formatHex(digest.digest()),
                        datasetVersion,
                        rows);
                if (step.getCsv() != null) {
                    loadedRows.put(step.getCsv().getTable(), rows);
                } else if (step.getGenerate() != null) {
                    loadedRows.put(step.getGenerate().getTable(), rows);
                } else {
                    loadedRows.clear(); // a script may change any table: count them afresh
                }
                db.commit();
            } catch (SQLException | IOException | SeedException | RuntimeException e) {
                db.rollback();
                if (e instanceof SQLException sql) {
                    // First line only: PostgreSQL's Detail/Where lines quote row values and the SQL statement.
                    throw new SeedException(
                            RunReason.SQL_ERROR,
                            "seed step " + i + " (" + label + ") failed, rolled back: "
                                    + Redaction.firstLine(sql.getMessage()),
                            sql);
                }
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        }
        return unchangedSoFar;
    }

    /**
     * Rewrites masking.columns not masked while loading, after every step, in one transaction recorded in the history
     * after the steps (so a seed whose steps were all skipped as unchanged does not mask its rows a second time).
     */
    private void maskInPlace(
            DatabaseSpec spec,
            MaskingPlan masking,
            Connection db,
            DatabaseConnection connection,
            boolean unchangedSteps,
            String datasetVersion)
            throws SQLException, IOException, SeedException {
        if (masking.maskedInPlace().isEmpty()) {
            return;
        }
        Map<String, List<MaskingPlan.Column>> byTable = masking.maskedInPlaceByTable();
        for (MaskingPlan.Column c : masking.maskedInPlace()) {
            requireTable(c.table());
            requireColumn(c.column());
        }
        int index = spec.getSeed().size();
        String label = "mask "
                + masking.maskedInPlace().stream()
                        .map(c -> c.qualified() + " as " + c.as().value())
                        .toList();
        String hash = HexFormat.of()
                .formatHex(sha256().digest(
                                (label + "|" + masker.mask("sit-key-fingerprint")).getBytes(StandardCharsets.UTF_8)));
        if (unchangedSteps && alreadyApplied(db, index, hash)) {
            progress.printf("seed: masking unchanged since it was applied, skipped%n");
            return;
        }
        db.setAutoCommit(false);
        try {
            long total = 0;
            int scratch = 0;
            for (var table : byTable.entrySet()) {
                long started = System.nanoTime();
                long rows = InPlaceMasking.mask(
                        db, connection, table.getKey(), table.getValue(), masker, "sit_masked_" + scratch++);
                total += rows;
                progress.printf(
                        "seed: masked %s in place: %,d rows in %d ms%n",
                        table.getValue().stream()
                                .map(MaskingPlan.Column::qualified)
                                .toList(),
                        rows,
                        (System.nanoTime() - started) / 1_000_000);
            }
            record(db, index, "mask", label, hash, datasetVersion, total);
            db.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            db.rollback();
            if (e instanceof SQLException sql) {
                // undefined_table, undefined_column: the spec names something the seed steps did not create
                boolean badName = "42P01".equals(sql.getSQLState()) || "42703".equals(sql.getSQLState());
                throw new SeedException(
                        badName ? RunReason.BAD_SPEC : RunReason.SQL_ERROR,
                        "masking.columns of database " + spec.getName() + " failed, rolled back: "
                                + Redaction.firstLine(sql.getMessage()),
                        sql);
            }
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private long runSql(Connection db, FileSource source, MessageDigest digest) throws SQLException, IOException {
        byte[] bytes = content(source);
        if (digest != null) {
            digest.update(bytes);
        }
        String script = new String(bytes, StandardCharsets.UTF_8);
        long rows = 0;
        try (Statement s = db.createStatement()) {
            boolean isResult = s.execute(script);
            // Sum the update counts of every statement in the script (queries count nothing).
            while (true) {
                if (!isResult) {
                    int count = s.getUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    rows += count;
                }
                isResult = s.getMoreResults();
            }
        }
        return rows;
    }

    private long loadCsv(Connection db, CsvSeed csv, MaskingPlan masking, MessageDigest digest)
            throws SQLException, IOException, SeedException {
        String table = requireTable(csv.getTable());
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM " + table);
        }
        CsvCopyLoader loader = new CsvCopyLoader(db.unwrap(PGConnection.class).getCopyAPI(), progress);
        InputStream source = csv.getInline() != null
                ? new ByteArrayInputStream(csv.getInline().getBytes(StandardCharsets.UTF_8))
                : StreamingFixtures.open(fixtures, csv.getConfigMapRef());
        Map<String, MaskFormat> mask = new LinkedHashMap<>();
        csv.getMask().forEach(column -> mask.put(column, masking.formatOf(table, column)));
        try (InputStream in = digest == null ? source : new DigestInputStream(source, digest)) {
            return loader.load(in, table, csv.hasHeader(), csv.delimiterOrDefault(), mask, masker);
        }
    }

    private long loadGenerated(Connection db, GenerateSeed generate) throws SQLException, SeedException {
        String table = requireTable(generate.getTable());
        GeneratedRows rows = GeneratedRows.of(db, generate); // a missing table is BadSpec, not a failed DELETE
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM " + table);
        }
        return rows.load(new CsvCopyLoader(db.unwrap(PGConnection.class).getCopyAPI(), progress));
    }

    private byte[] content(FileSource source) throws IOException {
        return source.getInline() != null
                ? source.getInline().getBytes(StandardCharsets.UTF_8)
                : fixtures.read(source.getConfigMapRef());
    }

    /** SHA-256 over the step's settings; the content follows (see {@link #finishHash}). */
    private MessageDigest settingsDigest(SeedStep step, MaskingPlan masking) {
        MessageDigest digest = sha256();
        StringBuilder settings =
                new StringBuilder(step.getSql() != null ? "sql" : step.getCsv() != null ? "csv" : "generate");
        if (step.getGenerate() != null) {
            GenerateSeed generate = step.getGenerate();
            settings.append('|')
                    .append(generate.getTable())
                    .append('|')
                    .append(generate.getRows())
                    .append('|')
                    .append(generate.seedOrDefault())
                    .append('|')
                    .append(new TreeMap<>(generate.getColumns()));
        }
        if (step.getCsv() != null) {
            CsvSeed csv = step.getCsv();
            settings.append('|')
                    .append(csv.getTable())
                    .append('|')
                    .append(csv.hasHeader())
                    .append('|')
                    .append(csv.delimiterOrDefault())
                    .append('|')
                    .append(csv.getMask());
            if (!csv.getMask().isEmpty()) {
                // A different masking key produces different rows: it must re-apply, without revealing the key.
                settings.append('|').append(masker.mask("sit-key-fingerprint"));
                List<String> formats = csv.getMask().stream()
                        .map(column -> masking.formatOf(csv.getTable(), column))
                        .filter(format -> format != MaskFormat.AUTO)
                        .map(MaskFormat::value)
                        .toList();
                if (!formats.isEmpty()) { // absent for auto: hashes of steps recorded before formats existed hold
                    settings.append('|').append(formats);
                }
            }
        }
        digest.update(settings.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        return digest;
    }

    /** Adds the content (streamed, so a large CSV is not held in memory) and returns the hex hash. */
    private String finishHash(MessageDigest digest, FileSource source) throws IOException {
        if (source.getInline() != null) {
            digest.update(source.getInline().getBytes(StandardCharsets.UTF_8));
        } else {
            try (InputStream in =
                    new DigestInputStream(StreamingFixtures.open(fixtures, source.getConfigMapRef()), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean hasHistory(Connection db, int index) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM " + HISTORY_TABLE + " WHERE step_index = ?")) {
            s.setInt(1, index);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean alreadyApplied(Connection db, int index, String hash) throws SQLException {
        try (PreparedStatement s =
                db.prepareStatement("SELECT 1 FROM " + HISTORY_TABLE + " WHERE step_index = ? AND sha256 = ?")) {
            s.setInt(1, index);
            s.setString(2, hash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void record(
            Connection db, int index, String kind, String source, String hash, String datasetVersion, long rows)
            throws SQLException {
        try (PreparedStatement s = db.prepareStatement("INSERT INTO " + HISTORY_TABLE
                + " (step_index, kind, source, sha256, dataset_version, rows) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setInt(1, index);
            s.setString(2, kind);
            s.setString(3, source);
            s.setString(4, hash);
            s.setString(5, datasetVersion);
            s.setLong(6, rows);
            s.executeUpdate();
        }
    }

    /**
     * Rows now in every table a CSV step loads: COPY's count for tables loaded in this run (no second scan
     * of a large table), a count for tables whose step was skipped as unchanged.
     */
    private void countTables(DatabaseSpec spec, Connection db, SeedResult result, Map<String, Long> loadedRows)
            throws SQLException, SeedException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SeedStep step : spec.getSeed()) {
            String table = step.getCsv() != null
                    ? step.getCsv().getTable()
                    : step.getGenerate() != null ? step.getGenerate().getTable() : null;
            if (table != null && !counts.containsKey(table)) {
                Long loaded = loadedRows.get(table);
                counts.put(table, loaded != null ? loaded : countRows(db, requireTable(table)));
            }
        }
        List<SeedResult.TableRows> tables = new ArrayList<>();
        counts.forEach((t, n) -> tables.add(new SeedResult.TableRows(t, n)));
        result.setTables(tables);
        result.setTotalRows(counts.values().stream().mapToLong(Long::longValue).sum());
    }

    private void checkGates(List<DataCheck> checks, Connection db, SeedResult result)
            throws SQLException, SeedException, IOException {
        for (DataCheck check : checks) {
            SeedResult.GateResult gate = check.getSchema() != null
                    ? SchemaGate.check(db, content(check.getSchema()), check.getSchema(), check.displayName())
                    : checkGate(check, db);
            progress.printf(
                    "seed: gate %s: %s — %s%n", gate.name(), gate.passed() ? "passed" : "FAILED", gate.message());
            result.getGates().add(gate);
        }
    }

    private static SeedResult.GateResult checkGate(DataCheck check, Connection db) throws SQLException, SeedException {
        String name = check.displayName();
        if (check.getMigration() != null) {
            return MigrationGate.check(db, check.getMigration(), name);
        }
        if (check.getSql() != null && check.getTable() == null) {
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery(check.getSql())) {
                if (!rs.next()) {
                    return new SeedResult.GateResult(
                            name, false, "query returned no row, expected true", GateTypes.SQL, "no row", "true");
                }
                boolean value = rs.getBoolean(1);
                String returned = rs.getString(1);
                return new SeedResult.GateResult(
                        name,
                        value && !rs.wasNull(),
                        "query returned " + returned + ", expected true",
                        GateTypes.SQL,
                        String.valueOf(returned),
                        "true");
            } catch (SQLException e) {
                return new SeedResult.GateResult(
                        name,
                        false,
                        "query failed: " + Redaction.firstLine(e.getMessage()),
                        GateTypes.SQL,
                        "query failed",
                        "true");
            }
        }
        String table = requireTable(check.getTable());
        if (check.getForeignKey() != null) {
            String column = requireColumn(check.getForeignKey().getColumn());
            String references = check.getForeignKey().getReferences();
            int dot = references.lastIndexOf('.');
            String parent = requireTable(references.substring(0, Math.max(dot, 0)));
            String parentColumn = requireColumn(references.substring(dot + 1));
            long missing = count(
                    db,
                    "SELECT count(*) FROM " + table + " c WHERE c." + column + " IS NOT NULL "
                            + "AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE p." + parentColumn + " = c."
                            + column + ")");
            return new SeedResult.GateResult(
                    name,
                    missing == 0,
                    missing + " row(s) of " + table + " have a " + column + " missing from " + references
                            + ", expected 0",
                    GateTypes.FOREIGN_KEY,
                    missing + " orphan row(s)",
                    "0 orphan rows");
        }
        if (check.getColumn() != null) {
            return ColumnGate.check(db, table, requireColumn(check.getColumn().getName()), check.getColumn(), name);
        }
        long rows = countRows(db, table);
        boolean passed = (check.getMinRows() == null || rows >= check.getMinRows())
                && (check.getMaxRows() == null || rows <= check.getMaxRows());
        String expected = (check.getMinRows() != null ? ">= " + check.getMinRows() : "")
                + (check.getMinRows() != null && check.getMaxRows() != null ? " and " : "")
                + (check.getMaxRows() != null ? "<= " + check.getMaxRows() : "");
        return new SeedResult.GateResult(
                name,
                passed,
                table + " has " + rows + " rows, expected " + expected,
                GateTypes.ROW_COUNT,
                rows + " rows",
                expected);
    }

    private static long countRows(Connection db, String table) throws SQLException {
        return count(db, "SELECT count(*) FROM " + table);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // Names are spliced into SQL: accept only plain identifiers (the CRD enforces the same patterns).
    private static String requireTable(String table) throws SeedException {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new SeedException(RunReason.BAD_SPEC, "not a table name: '" + table + "'", null);
        }
        return table;
    }

    private static String requireColumn(String column) throws SeedException {
        if (column == null || !COLUMN_NAME.matcher(column).matches()) {
            throw new SeedException(RunReason.BAD_SPEC, "not a column name: '" + column + "'", null);
        }
        return column;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
