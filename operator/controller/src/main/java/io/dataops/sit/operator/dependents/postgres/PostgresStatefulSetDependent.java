package io.dataops.sit.operator.dependents.postgres;

import static io.dataops.sit.operator.Constants.COMPONENT_DATABASE;
import static io.dataops.sit.operator.Constants.DATABASE_SELECTOR;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.PodSecurity;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunPods;
import io.dataops.sit.operator.dependents.RunScoped;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL server per database entry (official {@code postgres} image, one replica, data in an emptyDir:
 * the data lives as long as the run).
 *
 * <p>Workflow (for the reconciler): dependsOn {@link PostgresSecretDependent} (its password env comes from it);
 * readyPostcondition {@link io.dataops.sit.operator.dependents.EntriesReadyCondition} with {@link #isReady} (every server's readyReplicas == 1). Informer: StatefulSets with
 * component=database (the builtin Kafka's are component=broker).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = DATABASE_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class PostgresStatefulSetDependent extends RunBulkDependent<StatefulSet>
        implements BulkUpdater<StatefulSet, SitRun> {

    public static final String CONTAINER = "postgres";
    /**
     * The emptyDir's mount: exactly the image's {@code VOLUME} (postgres &lt;= 17 declares /var/lib/postgresql/data).
     * Mounted anywhere else, the image's VOLUME becomes an anonymous container volume on containerd, the data
     * lives there, and a container restart re-runs initdb on an empty directory after the seed.
     */
    static final String DATA_MOUNT = "/var/lib/postgresql/data";
    /**
     * PGDATA, set explicitly: a subdirectory of the mount, as the image's documentation asks for mounted volumes
     * (initdb refuses a non-empty directory such as a volume root with lost+found), and the same path for every
     * major version (18+ would otherwise default to /var/lib/postgresql/&lt;major&gt;/docker, outside the mount; its
     * entrypoint refuses a mount at /var/lib/postgresql/data as "unused" only while PGDATA is that default).
     */
    public static final String PGDATA = DATA_MOUNT + "/pgdata";

    public PostgresStatefulSetDependent() {
        super(StatefulSet.class, COMPONENT_DATABASE);
    }

    public static String getName(String database) {
        return RunContract.databaseStatefulSet(database);
    }

    @Override
    public Map<String, StatefulSet> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Placement placement = Placement.of(primary, RunSettings.of(context).operator());
        Map<String, StatefulSet> desired = new LinkedHashMap<>();
        for (DatabaseSpec db : primary.getSpec().getDatabases()) {
            if (db.external()) {
                continue; // someone else's server: nothing to provision
            }
            desired.put(db.getName(), desired(primary, db, placement));
        }
        return desired;
    }

    /** As {@link #desired(SitRun, DatabaseSpec, Placement)} for an operator without sit.placement.* (tests). */
    public static StatefulSet desired(SitRun run, DatabaseSpec db) {
        return desired(run, db, Placement.of(run, OperatorSettings.defaults()));
    }

    public static StatefulSet desired(SitRun run, DatabaseSpec db, Placement placement) {
        String name = getName(db.getName());
        StatefulSet sts = new StatefulSetBuilder()
                .withMetadata(RunScoped.metadata(run, name, COMPONENT_DATABASE, db.getName()))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(PostgresServiceDependent.getName(db.getName()))
                .withNewSelector()
                .withMatchLabels(selectorLabels(run, COMPONENT_DATABASE, db.getName()))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels(run, COMPONENT_DATABASE, db.getName()))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(Postgres.image(db))
                .withEnv(env(db))
                .addNewPort()
                .withName("postgres")
                .withContainerPort(Postgres.PORT)
                .endPort()
                // Over TCP on purpose: during initdb the entrypoint's temporary server listens on the socket only,
                // so the pod turns ready only once the real server is up (pg_isready exits 0 only when accepting).
                .withNewReadinessProbe()
                .withNewExec()
                .withCommand(
                        "pg_isready",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(Postgres.PORT),
                        "-U",
                        Postgres.USER,
                        "-d",
                        Postgres.databaseName(db))
                .endExec()
                .withInitialDelaySeconds(3)
                .withPeriodSeconds(3)
                .withFailureThreshold(100)
                .endReadinessProbe()
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("256Mi"))
                .addToLimits("memory", new Quantity("1Gi"))
                .endResources()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath(DATA_MOUNT)
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        RunPods.finish(placement, sts.getSpec().getTemplate().getSpec(), PodSecurity.postgres(Postgres.image(db)));
        return sts;
    }

    static List<EnvVar> env(DatabaseSpec db) {
        return List.of(
                new EnvVar("PGDATA", PGDATA, null),
                new EnvVar("POSTGRES_DB", Postgres.databaseName(db), null),
                new EnvVar("POSTGRES_USER", Postgres.USER, null),
                new EnvVarBuilder()
                        .withName("POSTGRES_PASSWORD")
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName(PostgresSecretDependent.getName(db.getName()))
                        .withKey(PostgresSecretDependent.PASSWORD_KEY)
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build());
    }

    /** Whether this database's server is ready; for the status aggregator. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String database) {
        return actual(primary, context, getName(database))
                .map(RunBulkDependent::statefulSetReady)
                .orElse(false);
    }
}
