package io.dataops.sit.operator.dependents.systems;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.status.BrokerStatus;
import io.dataops.sit.operator.dependents.kafka.BrokerReadiness;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Reconcile precondition of the systems: every broker ready with its topics, whichever backend runs it.
 *
 * <p>Why not dependsOn: the builtin topics Job is a node of the workflow, but Strimzi's KafkaTopics are
 * activation-conditioned, and in JOSDK 5.2 a child of an inactive node is treated as "to delete" — so systems
 * could start before Strimzi made their topics. Once this run's systems exist the condition holds for good:
 * a false precondition deletes the dependent, and a broker that blinks must not take the systems with it.
 */
public class BrokersReadyCondition implements Condition<Deployment, SitRun> {

    @Override
    public boolean isMet(
            DependentResource<Deployment, SitRun> dependentResource, SitRun primary, Context<SitRun> context) {
        if (primary.getSpec().getSystems().isEmpty()) {
            return true;
        }
        SystemDeploymentDependent systems = (SystemDeploymentDependent) dependentResource;
        boolean started = primary.getSpec().getSystems().stream()
                .anyMatch(s -> systems.actual(primary, context, SystemDeploymentDependent.getName(s.getName()))
                        .isPresent());
        return started || brokersReady(primary, context);
    }

    static boolean brokersReady(SitRun run, Context<SitRun> context) {
        StrimziSupport strimzi = StrimziSupport.of(run, context);
        return run.getSpec().getBrokers().stream()
                .map(b -> BrokerReadiness.status(run, context, b, strimzi))
                .allMatch(BrokerStatus::isReady);
    }
}
