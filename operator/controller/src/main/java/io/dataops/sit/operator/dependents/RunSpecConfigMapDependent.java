package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The SitRun (name + spec, no status) as the runner reads it: ConfigMap sit-run, key sitrun.yaml. */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.RUN_SPEC_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class RunSpecConfigMapDependent extends CRUDNoGCKubernetesDependentResource<ConfigMap, SitRun> {

    public RunSpecConfigMapDependent() {
        super(ConfigMap.class);
    }

    public static String getName(SitRun run) {
        return RunContract.RUN_CONFIGMAP;
    }

    @Override
    protected ConfigMap desired(SitRun run, Context<SitRun> context) {
        return new ConfigMapBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_RUN_SPEC))
                .addToData(RunContract.RUN_CONFIGMAP_KEY, toYaml(run))
                .build();
    }

    static String toYaml(SitRun run) {
        SitRun document = new SitRun();
        document.setMetadata(new ObjectMetaBuilder()
                .withName(run.getMetadata().getName())
                .withNamespace(run.getMetadata().getNamespace())
                .build());
        document.setSpec(run.getSpec());
        document.setStatus(null);
        return Serialization.asYaml(document);
    }
}
