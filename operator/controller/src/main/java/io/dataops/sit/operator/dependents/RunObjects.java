package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.NoEventSourceForClassException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one way to look up the run's cached objects (informer caches, through the context). Not
 * Context#getSecondaryResource(type, name): after a re-run the previous run's objects (being deleted) still map
 * to the same SitRun, so "the" secondary is ambiguous; lookups here always say which namespace.
 *
 * <p>Only a missing event source (the dependent of that type is inactive, e.g. Strimzi not installed) reads
 * as "no such object"; any other failure propagates, so a bug is not mistaken for "not ready yet".
 */
public final class RunObjects {

    private RunObjects() {}

    /** Every cached object of a type in one namespace (empty when no informer of the type is registered). */
    public static <R extends HasMetadata> List<R> all(Context<SitRun> context, Class<R> type, String namespace) {
        return cached(context, type)
                .filter(r -> Objects.equals(namespace, r.getMetadata().getNamespace()))
                .toList();
    }

    /** One cached object by namespace ({@code null} for cluster-scoped kinds) and name. */
    public static <R extends HasMetadata> Optional<R> find(
            Context<SitRun> context, Class<R> type, String namespace, String name) {
        return cached(context, type)
                .filter(r -> name.equals(r.getMetadata().getName())
                        && Objects.equals(namespace, r.getMetadata().getNamespace()))
                .findFirst();
    }

    /**
     * The current run's object of a component by name, for status code that has no dependent instance. Only
     * the current run namespace counts: a SitRun deleted and recreated under the same name (as GitOps does)
     * maps to the same primary, and its predecessor's objects may linger in a terminating namespace.
     */
    public static <R extends HasMetadata> Optional<R> ofRun(
            Context<SitRun> context, Class<R> type, String component, String name) {
        return find(context, type, RunNames.namespace(context.getPrimaryResource()), name)
                .filter(r -> component.equals(labelsOf(r).get(Labels.COMPONENT)));
    }

    /** Cached objects of a type; empty only when no event source of the type is registered. */
    static <R extends HasMetadata> Stream<R> cached(Context<SitRun> context, Class<R> type) {
        try {
            return context.getSecondaryResourcesAsStream(type);
        } catch (NoEventSourceForClassException inactiveDependent) {
            return Stream.empty();
        }
    }

    private static Map<String, String> labelsOf(HasMetadata r) {
        return Objects.requireNonNullElse(r.getMetadata().getLabels(), Map.of());
    }
}
