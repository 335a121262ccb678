package io.dataops.sit.operator.aws;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activation condition of {@link AwsCredentialsSecretDependent}: only runs that ask for AWS credentials get them. */
public class AwsRequestedCondition implements Condition<Secret, SitRun> {

    @Override
    public boolean isMet(DependentResource<Secret, SitRun> dependentResource, SitRun run, Context<SitRun> context) {
        return run.getSpec() != null && run.getSpec().getAws() != null;
    }
}
