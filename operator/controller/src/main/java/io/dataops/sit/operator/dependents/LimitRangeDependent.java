package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Container defaults, so pods without resources still fit the ResourceQuota (a quota on requests
 * rejects pods that declare none).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Constants.ISOLATION_SELECTOR,
        genericFilter = io.dataops.sit.operator.dependents.RunNamespaceFilter.class,
        namespaces = io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES))
public class LimitRangeDependent extends CRUDNoGCKubernetesDependentResource<LimitRange, SitRun> {

    public LimitRangeDependent() {
        super(LimitRange.class);
    }

    public static String getName(SitRun run) {
        return Constants.LIMIT_RANGE_NAME;
    }

    @Override
    protected LimitRange desired(SitRun run, Context<SitRun> context) {
        var isolation = run.getSpec().getIsolation();
        var settings = OperatorSettings.current();
        return new LimitRangeBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .withDefaultRequest(ResourceQuotaDependent.overlay(settings.defaultRequest(),
                        isolation == null ? null : isolation.getDefaultRequest()))
                .withDefault(ResourceQuotaDependent.overlay(settings.defaultLimit(),
                        isolation == null ? null : isolation.getDefaultLimit()))
                .endLimit()
                .endSpec()
                .build();
    }
}
