package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.ExternalEndpoint;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.fence.ExternalPolicy;
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
 * The way out to the run's external brokers and databases, for the pods that use them (runner, seed Jobs, systems
 * under test): one rule per admin entry the run's endpoints fell under ({@link ExternalPolicy#allowedFor}), its
 * block (minus the instance metadata endpoints, {@link EgressPeers}) on its TCP port range. The endpoints were held
 * against the admin's entries before anything was created. Its own object, not part of the tenant's
 * {@link EgressPolicyDependent}: the seed Jobs get this way out and never the tenant's.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.ISOLATION_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class ExternalEgressPolicyDependent extends CRUDNoGCKubernetesDependentResource<NetworkPolicy, SitRun> {

    public static final String NAME = "sit-external-egress";

    public ExternalEgressPolicyDependent() {
        super(NetworkPolicy.class);
    }

    public static String getName(SitRun run) {
        return NAME;
    }

    @Override
    protected NetworkPolicy desired(SitRun run, Context<SitRun> context) {
        return desired(run, RunSettings.of(context).operator());
    }

    public static NetworkPolicy desired(SitRun run, OperatorSettings settings) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        // Also computed for a run without external parts: JOSDK names the object to delete from the desired state.
        for (ExternalEndpoint entry : ExternalPolicy.allowedFor(run, settings)) {
            EgressPeers.ipBlock(entry.cidr().toString())
                    .ifPresent(peer -> rules.add(new NetworkPolicyEgressRuleBuilder()
                            .addToTo(peer)
                            .addNewPort()
                            .withProtocol("TCP")
                            .withPort(new IntOrString(entry.firstPort()))
                            .withEndPort(entry.lastPort() == entry.firstPort() ? null : entry.lastPort())
                            .endPort()
                            .build()));
        }
        return new NetworkPolicyBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .withNewPodSelector()
                .addNewMatchExpression()
                .withKey(Labels.COMPONENT)
                .withOperator("In")
                .withValues(Constants.COMPONENT_RUNNER, Constants.COMPONENT_SEED, Constants.COMPONENT_SYSTEM)
                .endMatchExpression()
                .endPodSelector()
                .withPolicyTypes("Egress")
                .withEgress(rules)
                .endSpec()
                .build();
    }
}
