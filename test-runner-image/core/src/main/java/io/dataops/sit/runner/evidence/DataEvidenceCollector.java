package io.dataops.sit.runner.evidence;

import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Collects the runner's part of a run's evidence (what the data looked like when the scenarios ended): every broker's
 * topics and every database's counts, schema and samples, in parallel and within {@link DataEvidenceSettings#overall()}.
 * Never throws: whatever cannot be read (a broker down, the time up) becomes a note in the bundle's manifest.
 * Connection settings (passwords) never enter the bundle.
 */
public final class DataEvidenceCollector {

    private final DataEvidenceSettings settings;

    public DataEvidenceCollector(DataEvidenceSettings settings) {
        this.settings = settings;
    }

    public EvidenceBundle collect(RunEnvironment env, TouchedData touched) {
        Instant deadline = Instant.now().plus(settings.overall());
        EvidenceSink sink = new EvidenceSink();
        Map<String, Runnable> parts = new LinkedHashMap<>();
        env.brokers()
                .forEach((broker, bootstrap) -> parts.put(
                        "kafka/" + broker,
                        () -> KafkaTopicEvidence.collect(broker, bootstrap, touched, settings, deadline, sink)));
        env.databases()
                .forEach((name, db) -> parts.put(
                        "databases/" + name,
                        () -> DatabaseEvidence.collect(db, sampleTables(env, db, touched), settings, deadline, sink)));
        if (parts.isEmpty()) {
            sink.note("this run declares no broker and no database: no data evidence");
        }
        // Daemon threads: a part stuck in a driver past the deadline must not keep the runner's JVM alive.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, parts.size())), r -> {
            Thread t = new Thread(r, "sit-evidence");
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<?>> running = new LinkedHashMap<>();
        parts.forEach((name, part) -> running.put(name, pool.submit(part)));
        pool.shutdown();
        try {
            long left = Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
            if (!pool.awaitTermination(left, TimeUnit.MILLISECONDS)) {
                running.forEach((name, future) -> {
                    if (!future.isDone()) {
                        sink.note(name + ": not finished within "
                                + settings.overall().toSeconds() + " s; what it had read is kept");
                    }
                });
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.note("data evidence collection interrupted");
            pool.shutdownNow();
        }
        running.forEach((name, future) -> {
            if (future.isDone() && !future.isCancelled()) {
                try {
                    future.get();
                } catch (Exception e) {
                    sink.note(name + ": not captured: " + KafkaTopicEvidence.describe(e));
                }
            }
        });
        return sink.close();
    }

    /** The tables the steps named in this database, and the tables its seed loaded CSV into. */
    static Set<String> sampleTables(RunEnvironment env, DatabaseConnection db, TouchedData touched) {
        Set<String> tables = new LinkedHashSet<>(touched.tablesOf(db.name()));
        List<DatabaseSpec> specs = env.sitRun() == null || env.sitRun().getSpec() == null
                ? List.of()
                : env.sitRun().getSpec().getDatabases();
        for (DatabaseSpec spec : specs == null ? List.<DatabaseSpec>of() : specs) {
            if (db.name().equals(spec.getName())) {
                for (SeedStep step : spec.getSeed() == null ? new ArrayList<SeedStep>() : spec.getSeed()) {
                    if (step.getCsv() != null && step.getCsv().getTable() != null) {
                        tables.add(step.getCsv().getTable().toLowerCase(Locale.ROOT));
                    }
                    if (step.getGenerate() != null && step.getGenerate().getTable() != null) {
                        tables.add(step.getGenerate().getTable().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return tables;
    }
}
