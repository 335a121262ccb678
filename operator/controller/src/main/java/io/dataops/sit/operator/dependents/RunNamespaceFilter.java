package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.Labels;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.processing.event.source.filter.GenericFilter;
import java.util.Map;

/**
 * Event filter of every informer: only objects inside a run namespace reach the reconciler.
 *
 * <p>The informers watch all namespaces with a label selector, and labels are not proof of origin: a tenant who
 * may create ConfigMaps in {@code team-a} can give one the operator's labels and primary annotations. This filter
 * drops every object whose namespace is not a run namespace: one named {@code sit-<name>-<hash>} that the object's
 * own {@code app.kubernetes.io/part-of} label names (for a Namespace: its own name). Tenants cannot create
 * namespaces (threat model), and cluster admins keep the {@code sit-} prefix for run namespaces (deploy/README.md).
 * Lookups by the reconciler are pinned to the run namespace as well; this keeps foreign objects from even
 * triggering a reconcile.
 */
public class RunNamespaceFilter implements GenericFilter<HasMetadata> {

    @Override
    public boolean accept(HasMetadata object) {
        return inRunNamespace(object);
    }

    public static boolean inRunNamespace(HasMetadata object) {
        if (object == null || object.getMetadata() == null) {
            return false;
        }
        Map<String, String> labels = object.getMetadata().getLabels();
        if (labels == null || !Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY))) {
            return false;
        }
        String namespace = object instanceof Namespace
                ? object.getMetadata().getName()
                : object.getMetadata().getNamespace();
        return isRunNamespaceName(namespace) && namespace.equals(labels.get(Labels.PART_OF));
    }

    /** The shape {@link RunNames#namespace} gives run namespaces. */
    public static boolean isRunNamespaceName(String namespace) {
        return namespace != null
                && namespace.startsWith(RunNames.PREFIX)
                && namespace.matches("[a-z0-9-]+-[0-9a-f]{5}");
    }
}
