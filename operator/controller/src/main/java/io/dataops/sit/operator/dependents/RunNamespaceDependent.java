package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.fence.NamespaceLabels;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's namespace. Cluster-scoped, so no owner reference to the namespaced SitRun is possible:
 * JOSDK maps it back through the primary-name/namespace annotations it adds to non-GC dependents.
 * The informer only sees namespaces carrying our labels, so an existing foreign namespace of the same
 * name is never adopted (the reconciler reports NamespaceConflict before the workflow runs).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.NAMESPACE_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class RunNamespaceDependent extends CRUDNoGCKubernetesDependentResource<Namespace, SitRun> {

    public RunNamespaceDependent() {
        super(Namespace.class);
    }

    public static String getName(SitRun run) {
        return RunNames.namespace(run);
    }

    @Override
    protected Namespace desired(SitRun run, Context<SitRun> context) {
        OperatorSettings settings = RunSettings.of(context).operator();
        List<String> copy = settings.workloadFence().copyLabels();
        // A GET (the operator may get namespaces), not an informer: only when an admin asked for labels.
        Namespace source = copy.isEmpty()
                ? null
                : context.getClient()
                        .namespaces()
                        .withName(run.getMetadata().getNamespace())
                        .get();
        return desired(run, settings, source);
    }

    /** The run namespace: the admin-listed labels of the SitRun's namespace, then the operator's own (they win). */
    public static Namespace desired(SitRun run, OperatorSettings settings, Namespace sitRunNamespace) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(getName(run))
                .withLabels(NamespaceLabels.copied(
                        sitRunNamespace, settings.workloadFence().copyLabels()))
                .addToLabels(RunNames.labels(run, Constants.COMPONENT_NAMESPACE))
                // From the operator's configuration, never from the SitRun: a run cannot lower its own fence.
                .addToLabels(PodSecurity.namespaceLabels(settings.podSecurityLevel()))
                .withAnnotations(new HashMap<>())
                .endMetadata()
                .build();
    }

    /** True when the namespace carries the labels this operator puts on the namespaces it creates for run. */
    public static boolean isOwnedBy(Namespace namespace, SitRun run) {
        if (namespace == null || namespace.getMetadata().getLabels() == null) {
            return false;
        }
        Map<String, String> actual = namespace.getMetadata().getLabels();
        return RunNames.labels(run, Constants.COMPONENT_NAMESPACE).entrySet().stream()
                .filter(e -> !e.getKey().equals(Labels.PART_OF))
                .allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
    }

    @Override
    protected void handleDelete(SitRun run, Namespace namespace, Context<SitRun> context) {
        // Never delete a namespace someone else created, whatever the workflow thinks.
        if (isOwnedBy(namespace, run)) {
            super.handleDelete(run, namespace, context);
        }
    }
}
