package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Base of the dependents that create one object per spec entry (broker, database, system) in the run's
 * namespace.
 *
 * <p>Why not {@code CRUDKubernetesDependentResource}: the objects live in the run namespace, not the
 * SitRun's, and a cross-namespace owner reference makes the garbage collector delete the child at once.
 * This class is not {@code GarbageCollected}, so JOSDK 5.2 adds no owner reference and instead writes the
 * {@code io.javaoperatorsdk/primary-name|namespace|type} annotations and maps events back with
 * {@code Mappers.fromDefaultAnnotations} (see {@code KubernetesDependentResource#addReferenceHandlingMetadata}).
 * Cleanup is the run namespace's deletion plus {@link Deleter}.
 *
 * <p>Why the own event source in {@link #getSecondaryResources}: {@code Context#getSecondaryResources(Class)}
 * merges every informer of a type (the Kafka and the PostgreSQL StatefulSets, say); the bulk reconciler
 * deletes what it gets back and does not desire, so it must only ever see its own objects.
 *
 * <p>Subclasses that may update in place add {@code BulkUpdater}; create-only ones (Jobs, generated
 * Secrets) don't, so JOSDK never matches nor updates them.
 */
public abstract class RunBulkDependent<R extends HasMetadata> extends KubernetesDependentResource<R, SitRun>
        implements KubernetesBulkDependentResource<R, SitRun>, Creator<R, SitRun>, Deleter<SitRun> {

    private final String component;

    protected RunBulkDependent(Class<R> type, String component) {
        super(type);
        this.component = component;
    }

    public String component() {
        return component;
    }

    /** The desired objects of this primary, keyed by spec entry name. Depends only on the primary (and the cluster's Strimzi support). */
    public abstract Map<String, R> desiredByEntry(SitRun primary, Context<SitRun> context);

    /**
     * Whether the object(s) of spec entry {@code entry} are ready: the one readiness rule a dependent writes.
     * {@link EntriesReadyCondition} (the workflow's readyPostcondition) and the status read it.
     */
    public abstract boolean isReady(SitRun primary, Context<SitRun> context, String entry);

    /** The spec entries whose readiness the workflow waits for: by default every entry this dependent desires. */
    public Collection<String> readinessEntries(SitRun primary, Context<SitRun> context) {
        return desiredByEntry(primary, context).keySet();
    }

    @Override
    public Map<ResourceID, R> desiredResources(SitRun primary, Context<SitRun> context) {
        return desiredByEntry(primary, context).values().stream()
                .collect(Collectors.toMap(
                        ResourceID::fromResource, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    public Map<ResourceID, R> getSecondaryResources(SitRun primary, Context<SitRun> context) {
        Collection<R> candidates = eventSource()
                .map(es -> (Collection<R>) es.getSecondaryResources(primary))
                .orElseGet(() -> context.getSecondaryResources(resourceType()));
        Map<ResourceID, R> own = new HashMap<>();
        for (R r : candidates) {
            if (component.equals(labelsOf(r).get(Labels.COMPONENT))) {
                own.put(ResourceID.fromResource(r), r);
            }
        }
        return own;
    }

    /** The actual object built for the spec entry {@code name}, if the informer has it. */
    /** This run's existing objects of this dependent, by object name (current run namespace only). */
    protected Map<String, R> actualByName(SitRun primary, Context<SitRun> context) {
        String runNamespace = RunNames.namespace(primary);
        Map<String, R> actual = new LinkedHashMap<>();
        getSecondaryResources(primary, context).values().stream()
                .filter(r -> runNamespace.equals(r.getMetadata().getNamespace()))
                .forEach(r -> actual.put(r.getMetadata().getName(), r));
        return actual;
    }

    public Optional<R> actual(SitRun primary, Context<SitRun> context, String objectName) {
        String runNamespace = RunNames.namespace(primary);
        return getSecondaryResources(primary, context).values().stream()
                .filter(r -> runNamespace.equals(r.getMetadata().getNamespace()))
                .filter(r -> objectName.equals(r.getMetadata().getName()))
                .findFirst();
    }

    public static Map<String, String> labels(SitRun run, String component, String instance) {
        Map<String, String> labels = RunNames.labels(run, component);
        labels.put(Labels.INSTANCE, instance);
        return labels;
    }

    /** Pod selector labels: few and stable, since a StatefulSet's or Deployment's selector is immutable. */
    public static Map<String, String> selectorLabels(SitRun run, String component, String instance) {
        Map<String, String> all = RunNames.labels(run, component);
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(Labels.PART_OF, all.get(Labels.PART_OF));
        selector.put(Labels.COMPONENT, component);
        selector.put(Labels.INSTANCE, instance);
        return selector;
    }

    /** All replicas ready, and the StatefulSet controller has seen the current spec. */
    /** Keeps a StatefulSet's live replica count: see {@code BuiltinKafkaStatefulSetDependent#match}. */
    protected static void keepLiveReplicas(StatefulSet actual, StatefulSet desired) {
        if (actual != null && actual.getSpec() != null && actual.getSpec().getReplicas() != null) {
            desired.getSpec().setReplicas(actual.getSpec().getReplicas());
        }
    }

    public static boolean statefulSetReady(StatefulSet sts) {
        if (sts == null || sts.getStatus() == null || sts.getSpec() == null) {
            return false;
        }
        int wanted = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
        Integer ready = sts.getStatus().getReadyReplicas();
        Long observed = sts.getStatus().getObservedGeneration();
        Long generation = sts.getMetadata().getGeneration();
        boolean current = observed == null || generation == null || observed >= generation;
        return current && (ready == null ? 0 : ready) >= wanted;
    }

    private static Map<String, String> labelsOf(HasMetadata r) {
        return Objects.requireNonNullElse(r.getMetadata().getLabels(), Map.of());
    }
}
