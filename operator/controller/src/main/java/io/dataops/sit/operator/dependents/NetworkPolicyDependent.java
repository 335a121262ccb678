package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;

/**
 * Default deny for every pod of the run, ingress and egress, except traffic inside the namespace and DNS to
 * the peers of {@code sit.network.dns.peers} (default: pods in kube-system, port 53). The way out to the API
 * server, for the pods that need it, is {@link ApiEgressPolicyDependent}; the tenant's admin-bounded ways out
 * are {@link EgressPolicyDependent}.
 *
 * <p>When the admin lets a run switch isolation off (sit.isolation.allow-network-policy-off) and it does, the
 * same policy still exists but allows all egress except the instance metadata endpoints: a pod of the run never
 * reaches the node's cloud credentials, whatever the tenant and the admin chose.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.ISOLATION_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class NetworkPolicyDependent extends CRUDNoGCKubernetesDependentResource<NetworkPolicy, SitRun> {

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    public static String getName(SitRun run) {
        return Constants.NETWORK_POLICY_NAME;
    }

    @Override
    protected NetworkPolicy desired(SitRun run, Context<SitRun> context) {
        boolean enabled = run.getSpec().getIsolation() == null
                || run.getSpec().getIsolation().networkPolicyEnabled();
        return enabled ? defaultDeny(run, RunSettings.of(context).operator().dnsPeers()) : openButMetadata(run);
    }

    static NetworkPolicy defaultDeny(SitRun run, List<OperatorSettings.DnsPeer> dnsPeers) {
        return new NetworkPolicyBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .withNewPodSelector()
                .endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector()
                .endPodSelector()
                .endFrom()
                .endIngress()
                .addNewEgress()
                .addNewTo()
                .withNewPodSelector()
                .endPodSelector()
                .endTo()
                .endEgress()
                .addAllToEgress(dnsEgress(dnsPeers))
                .endSpec()
                .build();
    }

    /** Isolation off: every destination (pods of any namespace, any address) except the metadata endpoints. */
    static NetworkPolicy openButMetadata(SitRun run) {
        return new NetworkPolicyBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .withNewPodSelector()
                .endPodSelector()
                .withPolicyTypes("Egress")
                .addNewEgress()
                .addNewTo()
                .withNewNamespaceSelector()
                .endNamespaceSelector()
                .endTo()
                .addToTo(EgressPeers.ipBlock("0.0.0.0/0").orElseThrow())
                .addToTo(EgressPeers.ipBlock("::/0").orElseThrow())
                .endEgress()
                .endSpec()
                .build();
    }

    /** One rule per configured DNS peer (sit.network.dns.peers), UDP and TCP on the peer's port. */
    static List<NetworkPolicyEgressRule> dnsEgress(List<OperatorSettings.DnsPeer> peers) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        for (OperatorSettings.DnsPeer peer : peers) {
            NetworkPolicyPeer to = peer.namespace() != null
                    ? new NetworkPolicyPeerBuilder()
                            .withNewNamespaceSelector()
                            .addToMatchLabels("kubernetes.io/metadata.name", peer.namespace())
                            .endNamespaceSelector()
                            .build()
                    : EgressPeers.ipBlock(peer.cidr()).orElse(null);
            if (to == null) {
                continue;
            }
            rules.add(new NetworkPolicyEgressRuleBuilder()
                    .withTo(to)
                    .addNewPort()
                    .withProtocol("UDP")
                    .withPort(new IntOrString(peer.port()))
                    .endPort()
                    .addNewPort()
                    .withProtocol("TCP")
                    .withPort(new IntOrString(peer.port()))
                    .endPort()
                    .build());
        }
        return rules;
    }
}
