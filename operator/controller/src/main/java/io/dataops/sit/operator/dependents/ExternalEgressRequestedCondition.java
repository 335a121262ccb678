package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The external egress policy exists only for a run with an external broker or database and its network policy on
 * (with it off, egress is already open). A reconcile precondition for the same reason as
 * {@link EgressRequestedCondition}: the informer is shared by every run.
 */
public class ExternalEgressRequestedCondition implements Condition<NetworkPolicy, SitRun> {

    @Override
    public boolean isMet(DependentResource<NetworkPolicy, SitRun> dependent, SitRun run, Context<SitRun> context) {
        var isolation = run.getSpec().getIsolation();
        boolean policyOn = isolation == null || isolation.networkPolicyEnabled();
        return policyOn
                && (run.getSpec().getBrokers().stream().anyMatch(b -> b.external())
                        || run.getSpec().getDatabases().stream().anyMatch(d -> d.external()));
    }
}
