package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * spec.isolation.networkPolicy=false (honoured only with the admin's sit.isolation.allow-network-policy-off) drops
 * the API-egress policy: egress is then open anyway, except the metadata endpoints (NetworkPolicyDependent).
 */
public class NetworkPolicyEnabledCondition implements Condition<NetworkPolicy, SitRun> {

    @Override
    public boolean isMet(DependentResource<NetworkPolicy, SitRun> dependent, SitRun run, Context<SitRun> context) {
        return run.getSpec().getIsolation() == null
                || run.getSpec().getIsolation().networkPolicyEnabled();
    }
}
