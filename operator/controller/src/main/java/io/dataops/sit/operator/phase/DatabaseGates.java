package io.dataops.sit.operator.phase;

import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.api.v1alpha1.status.DatasetStatus;
import io.dataops.sit.api.v1alpha1.status.GateStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Gate results and the dataset manifest into status.databases[]: the seed Job's gates of each database (seed.DB.json)
 * followed by the runner's cross-database gates (runner.json, each naming its database). Failed gates come first, at
 * most {@link DatabaseStatus#MAX_GATES} per database with the rest counted, and every text is redacted and bounded: the
 * runner's words go into status.
 */
final class DatabaseGates {

    static final int MAX_NAME_BYTES = 128;
    static final int MAX_VALUE_BYTES = 128;
    static final int MAX_MESSAGE_BYTES = 256;
    static final int MAX_DRIFT_BYTES = 512;

    private DatabaseGates() {}

    /** Sets each database's gates (replacing what an earlier reconcile set) and its dataset manifest. */
    static void apply(SitRunStatus status, Map<String, SeedResult> seeds, List<SeedResult.GateResult> runnerGates) {
        for (DatabaseStatus db : status.getDatabases()) {
            List<SeedResult.GateResult> gates = new ArrayList<>();
            SeedResult seed = seeds.get(db.getName());
            if (seed != null) {
                gates.addAll(seed.getGates());
                if (seed.getDataset() != null) {
                    db.setDataset(dataset(seed.getDataset()));
                }
            }
            for (SeedResult.GateResult g : runnerGates) {
                if (db.getName().equals(g.database())) {
                    gates.add(g);
                }
            }
            setGates(db, gates);
        }
    }

    static void setGates(DatabaseStatus db, List<SeedResult.GateResult> gates) {
        List<SeedResult.GateResult> ordered = gates.stream()
                .sorted(Comparator.comparing(SeedResult.GateResult::passed)) // stable: failed first, in order
                .toList();
        List<GateStatus> shown = new ArrayList<>();
        for (SeedResult.GateResult g : ordered.subList(0, Math.min(ordered.size(), DatabaseStatus.MAX_GATES))) {
            shown.add(gate(g));
        }
        db.setGates(shown);
        db.setGatesOmitted(ordered.size() > shown.size() ? ordered.size() - shown.size() : null);
    }

    private static GateStatus gate(SeedResult.GateResult g) {
        GateStatus gate = new GateStatus();
        gate.setName(bounded(g.name(), MAX_NAME_BYTES));
        gate.setType(bounded(g.type(), MAX_NAME_BYTES));
        gate.setPassed(g.passed());
        gate.setObserved(bounded(g.observed(), MAX_VALUE_BYTES));
        gate.setExpected(bounded(g.expected(), MAX_VALUE_BYTES));
        gate.setMessage(bounded(g.message(), MAX_MESSAGE_BYTES));
        return gate;
    }

    private static DatasetStatus dataset(SeedResult.DatasetResult d) {
        DatasetStatus dataset = new DatasetStatus();
        dataset.setVersion(bounded(d.version(), MAX_NAME_BYTES));
        dataset.setManifest(bounded(d.manifest(), MAX_MESSAGE_BYTES));
        dataset.setManifestSha256(bounded(d.manifestSha256(), 64));
        dataset.setFiles(d.files());
        dataset.setAppVersion(bounded(d.appVersion(), MAX_NAME_BYTES));
        dataset.setMigrationVersion(bounded(d.migrationVersion(), MAX_NAME_BYTES));
        dataset.setDrift(bounded(d.drift(), MAX_DRIFT_BYTES));
        return dataset;
    }

    private static String bounded(String text, int maxBytes) {
        return Redaction.truncate(Redaction.redact(Redaction.firstLine(text)), maxBytes);
    }
}
