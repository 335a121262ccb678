package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The runner and seed pods write their results to the API server (sit-results ConfigMap), whose address
 * is not a pod or namespace a policy can name: allow those pods (label component=runner) HTTPS egress.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Constants.ISOLATION_SELECTOR,
        namespaces = io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES))
public class RunnerApiEgressPolicyDependent extends CRUDNoGCKubernetesDependentResource<NetworkPolicy, SitRun> {

    public static final String NAME = "sit-runner-api-egress";

    public RunnerApiEgressPolicyDependent() {
        super(NetworkPolicy.class);
    }

    public static String getName(SitRun run) {
        return NAME;
    }

    @Override
    protected NetworkPolicy desired(SitRun run, Context<SitRun> context) {
        return new NetworkPolicyBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .withNewPodSelector().addToMatchLabels(Labels.COMPONENT, Constants.COMPONENT_RUNNER).endPodSelector()
                .withPolicyTypes("Egress")
                .addNewEgress()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(443)).endPort()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(6443)).endPort()
                .endEgress()
                .endSpec()
                .build();
    }
}
