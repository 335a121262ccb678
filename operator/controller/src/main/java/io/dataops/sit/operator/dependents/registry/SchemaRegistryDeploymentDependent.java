package io.dataops.sit.operator.dependents.registry;

import static io.dataops.sit.operator.Constants.COMPONENT_SCHEMA_REGISTRY;
import static io.dataops.sit.operator.Constants.SCHEMA_REGISTRY_SELECTOR;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.PodSecurity;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunPods;
import io.dataops.sit.operator.dependents.RunScoped;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import java.util.Map;

/**
 * The run's Schema Registry when spec.schemaRegistry.enabled: one Deployment {@link SchemaRegistry#NAME} of the
 * admin's image (sit.schema-registry.image; a SitRun cannot name another), Apicurio Registry with its in-memory H2
 * storage, ready when its management port's /health/ready answers. Restricted Pod Security: uid 185 (the image's,
 * as the operator's), no privilege escalation, all capabilities dropped, a writable emptyDir only at /tmp (Quarkus'
 * and Vert.x' scratch files). The namespace's network policy already lets every pod of the run reach it.
 *
 * <p>Workflow (for the reconciler): dependsOn the operator's access, the quota and the LimitRange;
 * readyPostcondition {@link io.dataops.sit.operator.dependents.EntriesReadyCondition}; the runner Job waits for it
 * through EnvironmentReadiness. No entry when the run asks for no registry (a disabled registry is deleted).
 * Informer: Deployments with component=schema-registry.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = SCHEMA_REGISTRY_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class SchemaRegistryDeploymentDependent extends RunBulkDependent<Deployment>
        implements BulkUpdater<Deployment, SitRun> {

    static final String CONTAINER = "schema-registry";
    static final String TMP_VOLUME = "tmp";

    public SchemaRegistryDeploymentDependent() {
        super(Deployment.class, COMPONENT_SCHEMA_REGISTRY);
    }

    public static String getName() {
        return SchemaRegistry.NAME;
    }

    @Override
    public Map<String, Deployment> desiredByEntry(SitRun primary, Context<SitRun> context) {
        if (!primary.getSpec().schemaRegistryEnabled()) {
            return Map.of();
        }
        RunSettings settings = RunSettings.of(context);
        Placement placement = Placement.of(primary, settings.operator());
        return Map.of(SchemaRegistry.NAME, desired(primary, settings.schemaRegistryImage(), placement));
    }

    /** As {@link #desired(SitRun, String, Placement)} for an operator without sit.placement.* (tests). */
    public static Deployment desired(SitRun run, String image) {
        return desired(run, image, Placement.of(run, OperatorSettings.defaults()));
    }

    public static Deployment desired(SitRun run, String image, Placement placement) {
        Deployment deployment = new DeploymentBuilder()
                .withMetadata(RunScoped.metadata(run, getName(), COMPONENT_SCHEMA_REGISTRY, SchemaRegistry.NAME))
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(selectorLabels(run, COMPONENT_SCHEMA_REGISTRY, SchemaRegistry.NAME))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels(run, COMPONENT_SCHEMA_REGISTRY, SchemaRegistry.NAME))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(image)
                .withEnv(env())
                .addNewPort()
                .withName("http")
                .withContainerPort(SchemaRegistry.PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName("management")
                .withContainerPort(SchemaRegistry.MANAGEMENT_PORT)
                .withProtocol("TCP")
                .endPort()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath(RunContract.SCHEMA_REGISTRY_READY_PATH)
                .withNewPort(SchemaRegistry.MANAGEMENT_PORT)
                .endHttpGet()
                .withInitialDelaySeconds(5)
                .withPeriodSeconds(3)
                .withFailureThreshold(100)
                .endReadinessProbe()
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("384Mi"))
                .addToLimits("memory", new Quantity("768Mi"))
                .endResources()
                .addNewVolumeMount()
                .withName(TMP_VOLUME)
                .withMountPath("/tmp")
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName(TMP_VOLUME)
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        RunPods.finish(placement, deployment.getSpec().getTemplate().getSpec(), PodSecurity.SCHEMA_REGISTRY);
        return deployment;
    }

    /** Apicurio's own settings names (Quarkus reads env): one run's registry, quiet and small. */
    static List<EnvVar> env() {
        return List.of(
                new EnvVar("QUARKUS_HTTP_PORT", Integer.toString(SchemaRegistry.PORT), null),
                new EnvVar("QUARKUS_MANAGEMENT_PORT", Integer.toString(SchemaRegistry.MANAGEMENT_PORT), null),
                // the JVM sizes its heap from the container's memory limit
                new EnvVar("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=50", null));
    }

    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String entry) {
        return actual(primary, context, getName())
                .map(SystemDeploymentDependent::isReady)
                .orElse(false);
    }
}
