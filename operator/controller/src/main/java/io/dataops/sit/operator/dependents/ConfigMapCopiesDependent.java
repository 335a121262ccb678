package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.fence.ReferenceBounds;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Copies each ConfigMap the SitRun references (features, user steps' jars, seed fixtures) from the SitRun's namespace into
 * the run namespace under the same name. The sources are read with a GET, not an informer: the operator
 * must not cache every ConfigMap of every namespace. A missing source is bad input (ConfigMapNotFound).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.CONFIGMAP_COPY_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class ConfigMapCopiesDependent extends KubernetesDependentResource<ConfigMap, SitRun>
        implements CRUDKubernetesBulkDependentResource<ConfigMap, SitRun>,
                KubernetesBulkDependentResource<ConfigMap, SitRun> {

    public ConfigMapCopiesDependent() {
        super(ConfigMap.class);
    }

    /** Copies keep the source's name, so mounts at /sit/configmaps/&lt;name&gt; match what the user wrote. */
    public static String getName(SitRun run, String sourceName) {
        return sourceName;
    }

    @Override
    public Map<ResourceID, ConfigMap> desiredResources(SitRun run, Context<SitRun> context) {
        List<ConfigMap> sources = new ArrayList<>();
        for (String name : ReferencedConfigMaps.of(run)) {
            ConfigMap source = context.getClient()
                    .configMaps()
                    .inNamespace(run.getMetadata().getNamespace())
                    .withName(name)
                    .get();
            if (source == null) {
                throw new RunInputException(
                        RunReason.CONFIG_MAP_NOT_FOUND,
                        "ConfigMap " + name + " referenced by the SitRun " + "does not exist in namespace "
                                + run.getMetadata().getNamespace());
            }
            sources.add(source);
        }
        String badJar = UserStepsJars.problem(
                run,
                sources.stream().collect(Collectors.toMap(cm -> cm.getMetadata().getName(), cm -> cm)));
        if (badJar != null) {
            throw new RunInputException(RunReason.USER_STEPS_INVALID, badJar);
        }
        // All sources are measured before any copy is written: an oversized run copies nothing.
        String tooLarge = ReferenceBounds.tooLarge(
                sources, RunSettings.of(context).operator().workloadFence().referencesMaxBytes());
        if (tooLarge != null) {
            throw new RunInputException(RunReason.REFERENCES_TOO_LARGE, tooLarge);
        }
        Map<ResourceID, ConfigMap> desired = new LinkedHashMap<>();
        for (ConfigMap source : sources) {
            ConfigMap copy = new ConfigMapBuilder()
                    .withMetadata(RunScoped.metadata(
                            run, getName(run, source.getMetadata().getName()), Constants.COMPONENT_CONFIGMAP_COPY))
                    .withData(source.getData())
                    .withBinaryData(source.getBinaryData())
                    .build();
            desired.put(ResourceID.fromResource(copy), copy);
        }
        return desired;
    }

    @Override
    public Predicate<ConfigMap> secondaryResourceFilter(SitRun run, Context<SitRun> context) {
        String namespace = RunNames.namespace(run);
        return cm -> namespace.equals(cm.getMetadata().getNamespace())
                && cm.getMetadata().getLabels() != null
                && Constants.COMPONENT_CONFIGMAP_COPY.equals(
                        cm.getMetadata().getLabels().get(Labels.COMPONENT));
    }

    @Override
    public void deleteTargetResource(SitRun run, ConfigMap resource, ResourceID key, Context<SitRun> context) {
        context.getClient().resource(resource).delete();
    }
}
