package io.dataops.sit.operator.lifecycle;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * One cached object of the run by namespace and name. Not Context#getSecondaryResource(type, name): after a
 * re-run the previous run's objects (being deleted) still map to the same SitRun, so "the" secondary is ambiguous.
 */
public final class RunObjects {

    private RunObjects() {
    }

    /** Every cached object of a type in one namespace (empty when no informer of the type is registered). */
    public static <R extends HasMetadata> java.util.List<R> all(Context<SitRun> context, Class<R> type, String namespace) {
        return EnvironmentReadiness.secondaries(context, type)
                .filter(r -> Objects.equals(namespace, r.getMetadata().getNamespace()))
                .toList();
    }

    public static <R extends HasMetadata> Optional<R> find(Context<SitRun> context, Class<R> type, String namespace,
            String name) {
        return EnvironmentReadiness.secondaries(context, type)
                .filter(r -> name.equals(r.getMetadata().getName())
                        && Objects.equals(namespace, r.getMetadata().getNamespace()))
                .findFirst();
    }
}
