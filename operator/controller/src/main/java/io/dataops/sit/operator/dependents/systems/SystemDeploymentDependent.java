package io.dataops.sit.operator.dependents.systems;

import static io.dataops.sit.operator.Constants.COMPONENT_SYSTEM;
import static io.dataops.sit.operator.Constants.SYSTEM_SELECTOR;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.SystemPort;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.dependents.CompactItemStore;
import io.dataops.sit.operator.dependents.ConnectionEnv;
import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.PodSecurity;
import io.dataops.sit.operator.dependents.RunBulkDependent;
import io.dataops.sit.operator.dependents.RunNamespaceFilter;
import io.dataops.sit.operator.dependents.RunPods;
import io.dataops.sit.operator.dependents.RunScoped;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Deployment per system under test, named after the system, with the connection settings
 * ({@link ConnectionEnv}) and the user's env (user entries win), ports, resources, and the AWS credentials
 * mounted when {@code spec.aws} is set.
 *
 * <p>{@code spec.replicas} is only the initial value: the runner's "job started" step scales systems, so the
 * matcher takes the live replica count as desired and never scales them back.
 *
 * <p>Workflow (for the reconciler): dependsOn the brokers (+ topics) and the seed Jobs being ready, and on the
 * AWS Secret when spec.aws is set; readyPostcondition {@link io.dataops.sit.operator.dependents.EntriesReadyCondition} with {@link #isReady} (availableReplicas == spec replicas,
 * 0 replicas is ready). Image pulls that never succeed: {@link PodProblems#imagePullFailure}. Informer:
 * Deployments with component=system.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = SYSTEM_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = Constants.WATCH_ALL_NAMESPACES))
public class SystemDeploymentDependent extends RunBulkDependent<Deployment> implements BulkUpdater<Deployment, SitRun> {

    public SystemDeploymentDependent() {
        super(Deployment.class, COMPONENT_SYSTEM);
    }

    public static String getName(String system) {
        return RunContract.systemDeployment(system);
    }

    @Override
    public Map<String, Deployment> desiredByEntry(SitRun primary, Context<SitRun> context) {
        Placement placement = Placement.of(primary, RunSettings.of(context).operator());
        if (primary.getSpec().getSystems().isEmpty()) {
            return Map.of();
        }
        List<EnvVar> env = ConnectionEnv.forSystems(primary, StrimziSupport.of(primary, context));
        Map<String, Deployment> desired = new LinkedHashMap<>();
        for (SystemSpec system : primary.getSpec().getSystems()) {
            desired.put(system.getName(), desired(primary, system, env, placement));
        }
        return desired;
    }

    /** As {@link #desired(SitRun, SystemSpec, List, Placement)} for an operator without sit.placement.* (tests). */
    public static Deployment desired(SitRun run, SystemSpec system, List<EnvVar> injectedEnv) {
        return desired(run, system, injectedEnv, Placement.of(run, OperatorSettings.defaults()));
    }

    public static Deployment desired(SitRun run, SystemSpec system, List<EnvVar> injectedEnv, Placement placement) {
        List<ContainerPort> ports = new ArrayList<>();
        for (SystemPort port : system.getPorts()) {
            ports.add(new ContainerPortBuilder()
                    .withName(port.nameOrDefault())
                    .withContainerPort(port.getPort())
                    .withProtocol("TCP")
                    .build());
        }
        ContainerBuilder container = new ContainerBuilder()
                .withName(system.getName())
                .withImage(system.getImage())
                .withCommand(system.getCommand())
                .withArgs(system.getArgs())
                .withEnv(ConnectionEnv.merge(withAws(run, system, injectedEnv), system.getEnv()))
                .withPorts(ports)
                .withResources(system.getResources());
        if (system.usesAws()) {
            ConnectionEnv.awsVolumeMount(run).ifPresent(container::addToVolumeMounts);
        }
        DeploymentBuilder builder = new DeploymentBuilder()
                .withMetadata(RunScoped.metadata(run, getName(system.getName()), COMPONENT_SYSTEM, system.getName()))
                .withNewSpec()
                .withReplicas(system.replicasOrDefault())
                .withNewSelector()
                .withMatchLabels(selectorLabels(run, COMPONENT_SYSTEM, system.getName()))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels(run, COMPONENT_SYSTEM, system.getName()))
                .endMetadata()
                .withNewSpec()
                .withContainers(container.build())
                .endSpec()
                .endTemplate()
                .endSpec();
        Deployment deployment = builder.build();
        if (system.usesAws()) {
            ConnectionEnv.awsVolume(run)
                    .ifPresent(v -> deployment
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getVolumes()
                            .add(v));
        }
        RunPods.finish(placement, deployment.getSpec().getTemplate().getSpec(), PodSecurity.TENANT);
        return deployment;
    }

    /** The AWS credentials only reach a system that opted in with systems[].aws. */
    private static List<EnvVar> withAws(SitRun run, SystemSpec system, List<EnvVar> injected) {
        if (!system.usesAws()) {
            return injected;
        }
        List<EnvVar> env = new ArrayList<>(injected);
        env.addAll(ConnectionEnv.awsEnv(run));
        return env;
    }

    @Override
    public Matcher.Result<Deployment> match(
            Deployment actual, Deployment desired, SitRun primary, Context<SitRun> context) {
        keepLiveReplicas(actual, desired);
        return super.match(actual, desired, primary, context);
    }

    @Override
    public Deployment update(Deployment actual, Deployment desired, SitRun primary, Context<SitRun> context) {
        keepLiveReplicas(actual, desired);
        return super.update(actual, desired, primary, context);
    }

    static void keepLiveReplicas(Deployment actual, Deployment desired) {
        if (actual != null && actual.getSpec() != null && actual.getSpec().getReplicas() != null) {
            desired.getSpec().setReplicas(actual.getSpec().getReplicas());
        }
    }

    /** Available replicas reach the Deployment's (live) replica count; 0 replicas is ready. */
    public static boolean isReady(Deployment deployment) {
        if (deployment == null || deployment.getSpec() == null) {
            return false;
        }
        int wanted = deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
        if (wanted == 0) {
            return true;
        }
        if (deployment.getStatus() == null) {
            return false;
        }
        Integer available = deployment.getStatus().getAvailableReplicas();
        return (available == null ? 0 : available) >= wanted;
    }

    /** Whether this system is ready; for the status aggregator. */
    @Override
    public boolean isReady(SitRun primary, Context<SitRun> context, String system) {
        return actual(primary, context, getName(system))
                .map(SystemDeploymentDependent::isReady)
                .orElse(false);
    }
}
