package io.dataops.sit.operator.dependents.postgres;

import static io.dataops.sit.operator.Constants.COMPONENT_DATABASE;
import static io.dataops.sit.operator.Constants.DATABASE_SELECTOR;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunScoped;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Service (port 5432) of each database server; its DNS name is SIT_DB_&lt;NAME&gt;_HOST.
 *
 * <p>Workflow (for the reconciler): dependsOn the run namespace; no readyPostcondition. Informer: Services with
 * component=database.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = DATABASE_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class PostgresServiceDependent extends RunBulkDependent<Service> implements BulkUpdater<Service, SitRun> {

    public PostgresServiceDependent() {
        super(Service.class, COMPONENT_DATABASE);
    }

    public static String getName(String database) {
        return database + "-postgres";
    }

    @Override
    public Map<String, Service> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Map<String, Service> desired = new LinkedHashMap<>();
        for (DatabaseSpec db : primary.getSpec().getDatabases()) {
            if (db.external()) {
                continue; // someone else's server: nothing to provision
            }
            desired.put(db.getName(), desired(primary, db));
        }
        return desired;
    }

    public static Service desired(SitRun run, DatabaseSpec db) {
        return new ServiceBuilder()
                .withMetadata(RunScoped.metadata(run, getName(db.getName()), COMPONENT_DATABASE, db.getName()))
                .withNewSpec()
                // Headless, like the broker's: a single pod behind a stable DNS name needs no virtual IP.
                .withClusterIP("None")
                .withSelector(selectorLabels(run, COMPONENT_DATABASE, db.getName()))
                .addNewPort()
                .withName("postgres")
                .withPort(Postgres.PORT)
                .withNewTargetPort(Postgres.PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    /** A Service has no readiness of its own: it is ready once it exists. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String entry) {
        return actual(primary, context, getName(entry)).isPresent();
    }
}
