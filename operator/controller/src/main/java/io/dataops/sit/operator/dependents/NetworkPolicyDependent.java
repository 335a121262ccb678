package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.dataops.sit.operator.OperatorSettings;
import java.util.ArrayList;
import java.util.List;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Default deny for every pod of the run, ingress and egress, except traffic inside the namespace and DNS to
 * the peers of {@code sit.network.dns.peers} (default: pods in kube-system, port 53). The way out to the API
 * server, for the pods that need it, is {@link ApiEgressPolicyDependent}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Constants.ISOLATION_SELECTOR,
        genericFilter = io.dataops.sit.operator.dependents.RunNamespaceFilter.class,
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
                .addAllToEgress(dnsEgress(OperatorSettings.current().dnsPeers()))
                .endSpec()
                .build();
    }

    /** One rule per configured DNS peer (sit.network.dns.peers), UDP and TCP on the peer's port. */
    static List<NetworkPolicyEgressRule> dnsEgress(List<OperatorSettings.DnsPeer> peers) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        for (OperatorSettings.DnsPeer peer : peers) {
            NetworkPolicyPeer to = peer.namespace() != null
                    ? new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                            .addToMatchLabels("kubernetes.io/metadata.name", peer.namespace()).endNamespaceSelector().build()
                    : new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(peer.cidr()).endIpBlock().build();
            rules.add(new NetworkPolicyEgressRuleBuilder().withTo(to)
                    .addNewPort().withProtocol("UDP").withPort(new IntOrString(peer.port())).endPort()
                    .addNewPort().withProtocol("TCP").withPort(new IntOrString(peer.port())).endPort()
                    .build());
        }
        return rules;
    }
}
