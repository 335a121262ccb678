package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The readyPostcondition of every bulk dependent: each of its spec entries is ready by the dependent's own
 * {@link RunBulkDependent#isReady} rule, so dependents downstream start only once all of them are.
 */
public class EntriesReadyCondition<R extends HasMetadata> implements Condition<R, SitRun> {

    @Override
    public boolean isMet(DependentResource<R, SitRun> dependentResource, SitRun primary, Context<SitRun> context) {
        RunBulkDependent<?> bulk = (RunBulkDependent<?>) dependentResource;
        return bulk.readinessEntries(primary, context).stream()
                .allMatch(entry -> bulk.isReady(primary, context, entry));
    }
}
