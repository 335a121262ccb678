package io.dataops.sit.operator.observe;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Precondition of the runner Job: brokers, databases and systems ready, every seed Job succeeded and,
 * with spec.aws, the credentials Secret written.
 * A precondition rather than dependsOn on the environment dependents, because in JOSDK 5.2 a dependent
 * whose dependsOn parent is inactive (activation condition false, e.g. Strimzi dependents on a builtin
 * run) is treated as "to delete". The runner Job is create-only, so an unmet precondition never deletes it.
 */
public class EnvironmentReadyCondition implements Condition<Job, SitRun> {

    @Override
    public boolean isMet(DependentResource<Job, SitRun> dependent, SitRun run, Context<SitRun> context) {
        return EnvironmentReadiness.of(run, context).allReady(run);
    }
}
