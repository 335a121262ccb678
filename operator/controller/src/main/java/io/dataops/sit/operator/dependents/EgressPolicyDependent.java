package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.EgressRule;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant's ways out (spec.isolation.egress), for the systems under test and the runner only: one rule per
 * entry, its block (minus the instance metadata endpoints, {@link EgressPeers}) on its TCP ports. The entries
 * were held against the admin's allowed blocks before anything was created (IsolationFenceCheck).
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.ISOLATION_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class EgressPolicyDependent extends CRUDNoGCKubernetesDependentResource<NetworkPolicy, SitRun> {

    public static final String NAME = "sit-egress";

    public EgressPolicyDependent() {
        super(NetworkPolicy.class);
    }

    public static String getName(SitRun run) {
        return NAME;
    }

    @Override
    protected NetworkPolicy desired(SitRun run, Context<SitRun> context) {
        return desired(run);
    }

    public static NetworkPolicy desired(SitRun run) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        // Also computed for a run without egress: JOSDK names the object to delete from the desired state.
        var isolation = run.getSpec().getIsolation();
        for (EgressRule entry : isolation == null ? List.<EgressRule>of() : isolation.getEgress()) {
            EgressPeers.ipBlock(entry.getCidr()).ifPresent(peer -> {
                NetworkPolicyEgressRuleBuilder rule = new NetworkPolicyEgressRuleBuilder().addToTo(peer);
                entry.getPorts().stream()
                        .sorted()
                        .distinct()
                        .forEach(port -> rule.addNewPort()
                                .withProtocol("TCP")
                                .withPort(new IntOrString(port))
                                .endPort());
                rules.add(rule.build());
            });
        }
        return new NetworkPolicyBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .withNewPodSelector()
                .addNewMatchExpression()
                .withKey(Labels.COMPONENT)
                .withOperator("In")
                .withValues(Constants.COMPONENT_RUNNER, Constants.COMPONENT_SYSTEM)
                .endMatchExpression()
                .endPodSelector()
                .withPolicyTypes("Egress")
                .withEgress(rules)
                .endSpec()
                .build();
    }
}
