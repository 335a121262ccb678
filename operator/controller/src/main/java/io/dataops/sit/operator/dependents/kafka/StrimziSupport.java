package io.dataops.sit.operator.dependents.kafka;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.RunSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What the cluster's Strimzi can do for a run: whether its API is served (discovery) and whether the admin says its
 * cluster operator watches every namespace (sit.strimzi.watches-all-namespaces). {@link KafkaProviderResolver} needs
 * both: {@code provider: auto} picks Strimzi only with both, an explicit {@code strimzi} only needs it installed.
 */
public record StrimziSupport(boolean installed, boolean watchesAllNamespaces) {

    public static final StrimziSupport NOT_INSTALLED = new StrimziSupport(false, false);
    /** Installed, its cluster operator watching only its own namespace (Strimzi's default, and the operator's). */
    public static final StrimziSupport OWN_NAMESPACE_ONLY = new StrimziSupport(true, false);

    public static final StrimziSupport ALL_NAMESPACES = new StrimziSupport(true, true);

    /** For dependents and conditions: discovery as {@link StrimziDetector#installed}, the rest from the settings. */
    public static StrimziSupport of(SitRun run, Context<?> context) {
        return new StrimziSupport(
                StrimziDetector.installed(run, context),
                RunSettings.of(context).operator().strimziWatchesAllNamespaces());
    }
}
