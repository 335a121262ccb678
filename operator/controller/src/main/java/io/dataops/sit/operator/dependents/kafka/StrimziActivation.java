package io.dataops.sit.operator.dependents.kafka;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation condition of the Strimzi dependents ({@link StrimziKafka}, {@link StrimziKafkaNodePool},
 * {@link StrimziKafkaTopic}): Strimzi's v1 CRDs are served AND at least one broker of this run resolves to
 * Strimzi. JOSDK 5.2 registers an activation-conditioned dependent's informer only while its condition holds
 * ({@code AbstractWorkflowExecutor#registerOrDeregisterEventSourceBasedOnActivation}), so an operator on a
 * cluster without Strimzi never watches kafka.strimzi.io types.
 */
public class StrimziActivation implements Condition<Object, SitRun> {

    @Override
    public boolean isMet(DependentResource<Object, SitRun> dependentResource, SitRun primary, Context<SitRun> context) {
        return StrimziDetector.installed(primary, context) && !StrimziKafka.strimziBrokers(primary, true).isEmpty();
    }
}
