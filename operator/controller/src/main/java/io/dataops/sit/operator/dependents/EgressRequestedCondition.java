package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The egress policy exists only for a run that lists spec.isolation.egress with its network policy on (with it
 * off, egress is already open). A reconcile precondition, not an activation condition: the informer is shared
 * by every run and must not stop when one run has no egress.
 */
public class EgressRequestedCondition implements Condition<NetworkPolicy, SitRun> {

    @Override
    public boolean isMet(DependentResource<NetworkPolicy, SitRun> dependent, SitRun run, Context<SitRun> context) {
        var isolation = run.getSpec().getIsolation();
        return isolation != null
                && isolation.networkPolicyEnabled()
                && !isolation.getEgress().isEmpty();
    }
}
