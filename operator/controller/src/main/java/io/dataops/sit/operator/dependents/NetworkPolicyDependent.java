package io.dataops.sit.operator.dependents;

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
 * Default deny for every pod of the run, ingress and egress, except traffic inside the namespace and
 * DNS to kube-system. The runner's extra way out to the API server is {@link RunnerApiEgressPolicyDependent}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Constants.ISOLATION_SELECTOR,
        namespaces = io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES))
public class NetworkPolicyDependent extends CRUDNoGCKubernetesDependentResource<NetworkPolicy, SitRun> {

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    public static String getName(SitRun run) {
        return Constants.NETWORK_POLICY_NAME;
    }

    @Override
    protected NetworkPolicy desired(SitRun run, Context<SitRun> context) {
        return new NetworkPolicyBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress().addNewFrom().withNewPodSelector().endPodSelector().endFrom().endIngress()
                .addNewEgress().addNewTo().withNewPodSelector().endPodSelector().endTo().endEgress()
                .addNewEgress()
                .addNewTo()
                .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system").endNamespaceSelector()
                .endTo()
                .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
                .endEgress()
                .endSpec()
                .build();
    }
}
