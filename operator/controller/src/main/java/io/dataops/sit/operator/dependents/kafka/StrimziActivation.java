package io.dataops.sit.operator.dependents.kafka;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation condition of the Strimzi dependents ({@link StrimziKafkaDependent}, {@link StrimziKafkaNodePoolDependent},
 * {@link StrimziKafkaTopicDependent}): the cluster serves Strimzi's v1 CRDs. JOSDK 5.2 registers an
 * activation-conditioned dependent's informer only while its condition holds
 * ({@code AbstractWorkflowExecutor#registerOrDeregisterEventSourceBasedOnActivation}), so an operator on a
 * cluster without Strimzi never watches kafka.strimzi.io types.
 *
 * <p>Deliberately cluster-wide, not per run: the informer is one per controller, and a false condition
 * de-registers (stops) it for every SitRun ({@code EventSourceManager#dynamicallyDeRegisterEventSource}).
 * A per-run answer ("does this run have a Strimzi broker?") would start and stop the informer as runs of
 * both kinds reconcile. Runs without Strimzi brokers simply desire no Strimzi objects.
 */
public class StrimziActivation implements Condition<Object, SitRun> {

    @Override
    public boolean isMet(DependentResource<Object, SitRun> dependentResource, SitRun primary, Context<SitRun> context) {
        return context.getClient() != null
                && StrimziDetector.forClient(context.getClient()).isInstalled();
    }
}
