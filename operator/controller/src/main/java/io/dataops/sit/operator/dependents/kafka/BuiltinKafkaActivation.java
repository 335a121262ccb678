package io.dataops.sit.operator.dependents.kafka;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation condition of the builtin broker dependents: at least one broker runs builtin.
 *
 * <p>Optional: the builtin dependents use core types, and with no builtin broker their desired set is empty
 * (nothing created, readiness vacuously true). Beware that in JOSDK 5.2 an inactive dependent makes the
 * dependents that {@code dependsOn} it be treated as "to delete"; don't hang the runner on an inactive node.
 */
public class BuiltinKafkaActivation implements Condition<Object, SitRun> {

    @Override
    public boolean isMet(DependentResource<Object, SitRun> dependentResource, SitRun primary, Context<SitRun> context) {
        return !BuiltinKafkaStatefulSet.builtinBrokers(primary,
                BuiltinKafkaStatefulSet.strimziInstalled(primary, context)).isEmpty();
    }
}
