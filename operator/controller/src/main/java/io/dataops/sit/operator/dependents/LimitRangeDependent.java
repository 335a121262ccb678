package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Container defaults, so pods without resources still fit the ResourceQuota (a quota on requests
 * rejects pods that declare none), and the admin's per-container maximum (sit.isolation.max-limit), which no
 * container of the run may exceed. Defaults are clamped to the maximum (the API server refuses a default above
 * it; IsolationFenceCheck has already refused a run asking for one).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.ISOLATION_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class LimitRangeDependent extends CRUDNoGCKubernetesDependentResource<LimitRange, SitRun> {

    public LimitRangeDependent() {
        super(LimitRange.class);
    }

    public static String getName(SitRun run) {
        return Constants.LIMIT_RANGE_NAME;
    }

    @Override
    protected LimitRange desired(SitRun run, Context<SitRun> context) {
        return desired(run, RunSettings.of(context).operator());
    }

    static LimitRange desired(SitRun run, OperatorSettings settings) {
        var isolation = run.getSpec().getIsolation();
        var max = settings.isolationFence().maxLimit();
        return new LimitRangeBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .withDefaultRequest(clamped(
                        ResourceQuotaDependent.overlay(
                                settings.defaultRequest(), isolation == null ? null : isolation.getDefaultRequest()),
                        max))
                .withDefault(clamped(
                        ResourceQuotaDependent.overlay(
                                settings.defaultLimit(), isolation == null ? null : isolation.getDefaultLimit()),
                        max))
                .withMax(max.isEmpty() ? null : new TreeMap<>(max))
                .endLimit()
                .endSpec()
                .build();
    }

    /** Each value at most the maximum of its key; keys without a maximum stay as they are. */
    private static Map<String, Quantity> clamped(Map<String, Quantity> values, Map<String, Quantity> max) {
        var out = new TreeMap<>(values);
        out.replaceAll(
                (key, value) -> max.containsKey(key) ? ResourceQuotaDependent.atMost(value, max.get(key)) : value);
        return out;
    }
}
