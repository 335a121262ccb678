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
 * The empty sit-reports ConfigMap the runner fills with its reports and data evidence (binaryData) before it writes
 * its result; the operator copies it next to the SitRun when the run ends. Create-only like sit-results: the data
 * belongs to the runner. Its own component label, so its informer and sit-results' never see each other's object.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.REPORTS_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class ReportsConfigMapDependent extends KubernetesDependentResource<ConfigMap, SitRun>
        implements Creator<ConfigMap, SitRun> {

    public ReportsConfigMapDependent() {
        super(ConfigMap.class);
    }

    public static String getName(SitRun run) {
        return RunContract.REPORTS_CONFIGMAP;
    }

    @Override
    protected ConfigMap desired(SitRun run, Context<SitRun> context) {
        return new ConfigMapBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_REPORTS))
                .build();
    }
}
