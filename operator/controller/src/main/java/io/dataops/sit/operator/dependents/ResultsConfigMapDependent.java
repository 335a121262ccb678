package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;

/**
 * The empty sit-results ConfigMap the runner and seed Jobs write into. Create-only (no Updater): the
 * data belongs to the runner, and an update from desired() would wipe it.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.RESULTS_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class ResultsConfigMapDependent extends KubernetesDependentResource<ConfigMap, SitRun>
        implements Creator<ConfigMap, SitRun> {

    public ResultsConfigMapDependent() {
        super(ConfigMap.class);
    }

    public static String getName(SitRun run) {
        return RunContract.RESULTS_CONFIGMAP;
    }

    @Override
    protected ConfigMap desired(SitRun run, Context<SitRun> context) {
        return new ConfigMapBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_RESULTS))
                .build();
    }
}
