package io.dataops.sit.runner.bench;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.CsvSeed;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.GenerateSeed;
import io.dataops.sit.api.v1alpha1.spec.PostgresSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.seed.ConfigMapFolderFixtures;
import io.dataops.sit.runner.seed.DatabaseSnapshot;
import io.dataops.sit.runner.seed.Masker;
import io.dataops.sit.runner.seed.Seeder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

/**
 * CSV seeding throughput: our seeder (COPY through PgJDBC's CopyManager, incl. its content hash and
 * history bookkeeping) versus {@code psql \copy} of the same file into the same embedded server.
 * Then, per round, the same rows generated into the table by a generate step (against the same psql figure,
 * target >= 0.8), and a snapshot of the seeded database restored against seeding it again.
 * Usage: SeedCopyBench [rows] [rounds] [psql]. Prints rows/s of both and the ratio (target >= 0.9).
 */
public final class SeedCopyBench {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String psql = args.length > 2 ? args[2] : "/usr/bin/psql";
        Path root = Files.createTempDirectory("seed-bench");
        Path csv = Files.createDirectories(root.resolve("bench")).resolve("events.csv");
        writeCsv(csv, rows);
        System.out.printf("CSV: %,d rows, %,d bytes%n", rows, Files.size(csv));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bench");
            }
            DatabaseConnection db =
                    new DatabaseConnection("bench", "localhost", pg.getPort(), "bench", "postgres", "postgres");
            exec(
                    db,
                    "CREATE TABLE events (id bigint, email text, amount numeric(12,2), created_at timestamptz, note text)");
            DatabaseSpec spec = spec();
            Seeder seeder = new Seeder(
                    new ConfigMapFolderFixtures(root),
                    new PrintStream(OutputStream.nullOutputStream()),
                    Masker.fromEnvironment());
            double bestOurs = 0;
            double bestPsql = 0;
            double bestGenerated = 0;
            long bestRestoreMillis = Long.MAX_VALUE;
            long bestSeedMillis = Long.MAX_VALUE;
            for (int round = 1; round <= rounds; round++) {
                exec(db, "TRUNCATE events");
                exec(db, "DROP TABLE IF EXISTS " + Seeder.HISTORY_TABLE);
                long t0 = System.nanoTime();
                SeedResult result = seeder.seed(spec, db);
                double ours = rows / ((System.nanoTime() - t0) / 1e9);
                if (result.getOutcome() != Outcome.PASSED || result.getTotalRows() != rows) {
                    throw new IllegalStateException("seeder failed: " + result.getMessage());
                }
                exec(db, "TRUNCATE events");
                long t1 = System.nanoTime();
                Process p = new ProcessBuilder(
                                psql,
                                "-q",
                                "-h",
                                "localhost",
                                "-p",
                                String.valueOf(pg.getPort()),
                                "-U",
                                "postgres",
                                "-d",
                                "bench",
                                "-v",
                                "ON_ERROR_STOP=1",
                                "-c",
                                "\\copy events (id, email, amount, created_at, note) FROM '" + csv
                                        + "' WITH (FORMAT csv, HEADER true)")
                        .inheritIO()
                        .start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("psql failed with " + p.exitValue());
                }
                double ref = rows / ((System.nanoTime() - t1) / 1e9);
                long loaded = count(db);
                if (loaded != rows) {
                    throw new IllegalStateException("psql loaded " + loaded);
                }
                System.out.printf("round %d: seeder %,.0f rows/s, psql \\copy %,.0f rows/s%n", round, ours, ref);
                bestOurs = Math.max(bestOurs, ours);
                bestPsql = Math.max(bestPsql, ref);

                // The same number of rows generated from the table's columns (the generate seed step).
                exec(db, "TRUNCATE events");
                exec(db, "DROP TABLE IF EXISTS " + Seeder.HISTORY_TABLE);
                long t2 = System.nanoTime();
                SeedResult generated = seeder.seed(generateSpec(rows), db);
                double generatedRate = rows / ((System.nanoTime() - t2) / 1e9);
                if (generated.getOutcome() != Outcome.PASSED || generated.getTotalRows() != rows) {
                    throw new IllegalStateException("generate failed: " + generated.getMessage());
                }
                // Starting a scenario from the seeded data again: restore the snapshot vs seed the CSV again.
                DatabaseSnapshot.take(db);
                long restoreMillis = DatabaseSnapshot.restore(db).toMillis();
                long seedMillis = Math.round(rows / ours * 1000);
                System.out.printf(
                        "round %d: generate seed step %,.0f rows/s; snapshot restore %,d ms, seeding again %,d ms%n",
                        round, generatedRate, restoreMillis, seedMillis);
                bestGenerated = Math.max(bestGenerated, generatedRate);
                bestRestoreMillis = Math.min(bestRestoreMillis, restoreMillis);
                bestSeedMillis = Math.min(bestSeedMillis, seedMillis);
            }
            System.out.printf(
                    "RESULT seed-copy: seeder %,.0f rows/s, psql \\copy %,.0f rows/s, ratio %.2f (target >= 0.9)%n",
                    bestOurs, bestPsql, bestOurs / bestPsql);
            System.out.printf(
                    "RESULT generate-seed: generate %,.0f rows/s, psql \\copy %,.0f rows/s, ratio %.2f (target >= 0.8)%n",
                    bestGenerated, bestPsql, bestGenerated / bestPsql);
            System.out.printf(
                    "RESULT snapshot: restore %,d ms, seeding again %,d ms, ratio %.2f%n",
                    bestRestoreMillis, bestSeedMillis, (double) bestRestoreMillis / bestSeedMillis);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static DatabaseSpec spec() {
        CsvSeed csv = new CsvSeed();
        csv.setTable("events");
        csv.setConfigMapRef(new ConfigMapKeyRef("bench", "events.csv"));
        SeedStep step = new SeedStep();
        step.setCsv(csv);
        DatabaseSpec spec = new DatabaseSpec();
        spec.setName("bench");
        spec.setPostgres(new PostgresSpec());
        spec.setSeed(List.of(step));
        return spec;
    }

    /** The same table filled by a generate step (the CSV's columns, generated), with a snapshot kept. */
    private static DatabaseSpec generateSpec(int rows) {
        GenerateSeed generate = new GenerateSeed();
        generate.setTable("events");
        generate.setRows((long) rows);
        generate.setSeed(42L);
        SeedStep step = new SeedStep();
        step.setGenerate(generate);
        DatabaseSpec spec = new DatabaseSpec();
        spec.setName("bench");
        spec.setPostgres(new PostgresSpec());
        spec.setSeed(List.of(step));
        return spec;
    }

    private static void writeCsv(Path file, int rows) throws Exception {
        Random random = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("id,email,amount,created_at,note\n");
            for (int i = 1; i <= rows; i++) {
                w.write(i + ",user" + random.nextInt(1_000_000) + "@example.com," + random.nextInt(100_000) / 100.0
                        + ",2026-01-" + (1 + i % 28) + " 10:" + (10 + i % 50) + ":00+00,\"note " + (i % 97)
                        + ", ok\"\n");
            }
        }
    }

    private static void exec(DatabaseConnection db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(DatabaseConnection db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
