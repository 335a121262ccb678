package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.RunSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Caps what one run may consume: the operator's defaults (sit.isolation.quota), overridden per key by
 * spec.isolation.quota, each value at most the admin's cap (sit.isolation.quota-max) whose keys are always present.
 * A run asking above the cap never gets here (IsolationFenceCheck ends it first); the cap is applied again so
 * that a run started under a looser configuration still gets the current one.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.ISOLATION_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class ResourceQuotaDependent extends CRUDNoGCKubernetesDependentResource<ResourceQuota, SitRun> {

    public ResourceQuotaDependent() {
        super(ResourceQuota.class);
    }

    public static String getName(SitRun run) {
        return Constants.RESOURCE_QUOTA_NAME;
    }

    @Override
    protected ResourceQuota desired(SitRun run, Context<SitRun> context) {
        var isolation = run.getSpec().getIsolation();
        var settings = RunSettings.of(context).operator();
        return new ResourceQuotaBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .withHard(capped(
                        overlay(settings.quota(), isolation == null ? null : isolation.getQuota()),
                        settings.isolationFence().quotaMax()))
                .endSpec()
                .build();
    }

    /** min(value, cap) per key; a key only the cap names is present with the cap. */
    static Map<String, Quantity> capped(Map<String, Quantity> values, Map<String, Quantity> caps) {
        Map<String, Quantity> out = new TreeMap<>(values);
        caps.forEach((key, cap) -> out.merge(key, cap, (value, c) -> atMost(value, c)));
        return out;
    }

    static Quantity atMost(Quantity value, Quantity cap) {
        try {
            return value.getNumericalAmount().compareTo(cap.getNumericalAmount()) > 0 ? cap : value;
        } catch (RuntimeException e) {
            return cap;
        }
    }

    static Map<String, Quantity> overlay(Map<String, Quantity> defaults, Map<String, Quantity> overrides) {
        Map<String, Quantity> merged = new TreeMap<>(defaults);
        if (overrides != null) {
            merged.putAll(overrides);
        }
        return merged;
    }
}
