package io.dataops.sit.operator.dependents.postgres;

import static io.dataops.sit.operator.Constants.COMPONENT_DATABASE;
import static io.dataops.sit.operator.Constants.COMPONENT_SEED;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.status.DatabaseStatus;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunObjects;
import io.dataops.sit.operator.observe.JobStates;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/**
 * One database's status entry (connection facts, ready, seeded) from the informer caches. Seeded row counts
 * come from the seed result in the results ConfigMap, which the reconciler reads; not filled here.
 */
public final class DatabaseReadiness {

    private DatabaseReadiness() {}

    public static DatabaseStatus status(SitRun run, Context<SitRun> context, DatabaseSpec db) {
        DatabaseStatus status = new DatabaseStatus();
        status.setName(db.getName());
        status.setHost(Postgres.host(run, db));
        status.setPort(Postgres.port(db));
        status.setDatabase(Postgres.databaseName(db));
        status.setSecretName(Postgres.credentials(db).secret());
        status.setDatasetVersion(db.getDatasetVersion());
        Optional<StatefulSet> sts = RunObjects.ofRun(
                context, StatefulSet.class, COMPONENT_DATABASE, PostgresStatefulSetDependent.getName(db.getName()));
        // An external server is someone else's: nothing to wait for; the seed Job reports it if it cannot connect.
        boolean ready =
                db.external() || sts.map(RunBulkDependent::statefulSetReady).orElse(false);
        Optional<Job> seed = seedJob(context, db.getName());
        status.setReady(ready);
        status.setSeeded(
                seed.map(job -> JobStates.of(job) == JobState.SUCCEEDED).orElse(false));
        if (!ready) {
            status.setMessage(sts.isEmpty() ? "creating the server" : "waiting for the server to accept connections");
        } else if (seed.map(job -> JobStates.of(job).failed()).orElse(false)) {
            status.setMessage("the seed Job " + SeedJobDependent.getName(db.getName()) + " failed");
        } else if (!status.isSeeded()) {
            status.setMessage("seeding");
        }
        return status;
    }

    public static Optional<Job> seedJob(Context<SitRun> context, String database) {
        return RunObjects.ofRun(context, Job.class, COMPONENT_SEED, SeedJobDependent.getName(database));
    }
}
