package io.dataops.sit.operator.dependents;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The item store of every dependent informer: what the informer caches, minus what nothing reads. A run keeps its
 * environment for its cleanup TTL after it ended, so with hundreds of runs the caches hold thousands of objects, and
 * on the API server's copies {@code metadata.managedFields} is about 40% of each object. Two things are kept out:
 * <ul>
 *   <li>field-manager entries of {@code Update} operations (the controllers' status writes, a kubectl edit):
 *       JOSDK's server-side-apply matcher reads only the operator's own {@code Apply} entry
 *       ({@code SSABasedGenericKubernetesResourceMatcher#checkIfFieldManagerExists}), and dependents written
 *       without SSA (the ConfigMaps) are compared without managed fields;</li>
 *   <li>copies of the same field set: the {@code Apply} entry of a run's StatefulSet lists the same fields as every
 *       other run's of that shape, so all of them share one immutable instance.</li>
 * </ul>
 * Everything else (spec, status, labels, annotations) is cached as the API server sent it.
 */
public class CompactItemStore<R extends HasMetadata> extends TransformingItemStore<R> {

    static final String APPLY = "Apply";

    private static final Interner<FieldsV1> FIELD_SETS = new Interner<>();

    /** Instantiated by JOSDK through {@code @Informer(itemStore = CompactItemStore.class)}. */
    public CompactItemStore() {
        super(CompactItemStore::compact);
    }

    /** Keeps the {@code Apply} entries only, each with a shared, immutable field set. */
    static <R extends HasMetadata> R compact(R resource) {
        var metadata = resource.getMetadata();
        List<ManagedFieldsEntry> entries = metadata == null ? null : metadata.getManagedFields();
        if (entries == null || entries.isEmpty()) {
            return resource;
        }
        List<ManagedFieldsEntry> applied = new ArrayList<>(1);
        for (var entry : entries) {
            if (APPLY.equals(entry.getOperation())) {
                entry.setFieldsV1(shared(entry.getFieldsV1()));
                applied.add(entry);
            }
        }
        metadata.setManagedFields(applied);
        return resource;
    }

    private static FieldsV1 shared(FieldsV1 fields) {
        if (fields == null || fields.getAdditionalProperties() == null) {
            return fields;
        }
        var immutable = new FieldsV1();
        immutable.setAdditionalProperties(immutableTree(fields.getAdditionalProperties()));
        return FIELD_SETS.intern(immutable);
    }

    /**
     * A field set is a tree of maps whose leaves are empty maps: as immutable maps they need no entry objects, and
     * every empty leaf is the same instance. Order is not kept; field sets are sets.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> immutableTree(Map<String, Object> tree) {
        if (tree.isEmpty()) {
            return Map.of();
        }
        var copy = new HashMap<String, Object>(tree.size() * 2);
        tree.forEach((key, value) ->
                copy.put(key, value instanceof Map<?, ?> child ? immutableTree((Map<String, Object>) child) : value));
        // Map.copyOf refuses null values; a field set has none, but a cache must not fail on one.
        return copy.containsValue(null) ? Collections.unmodifiableMap(copy) : Map.copyOf(copy);
    }

    /** Canonical instances while anything uses them; an entry goes when its last user left the caches. */
    static final class Interner<T> {
        private final WeakHashMap<T, WeakReference<T>> canonical = new WeakHashMap<>();

        synchronized T intern(T value) {
            var reference = canonical.get(value);
            T existing = reference == null ? null : reference.get();
            if (existing != null) {
                return existing;
            }
            canonical.put(value, new WeakReference<>(value));
            return value;
        }

        synchronized int size() {
            return canonical.size();
        }
    }
}
