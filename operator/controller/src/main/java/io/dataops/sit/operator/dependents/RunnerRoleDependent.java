package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * Least privilege for the runner, in its own namespace only: write its result into sit-results (by
 * resourceName, no list), and what job steps need (jobs; deployments and their scale).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Constants.RUNNER_SELECTOR,
        genericFilter = io.dataops.sit.operator.dependents.RunNamespaceFilter.class,
        namespaces = io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES))
public class RunnerRoleDependent extends CRUDNoGCKubernetesDependentResource<Role, SitRun> {

    public RunnerRoleDependent() {
        super(Role.class);
    }

    public static String getName(SitRun run) {
        return Constants.RUNNER_ROLE_NAME;
    }

    @Override
    protected Role desired(SitRun run, Context<SitRun> context) {
        return new RoleBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_RUNNER))
                .addToRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                        .withResourceNames(RunContract.RESULTS_CONFIGMAP).withVerbs("get", "update", "patch").build())
                .addToRules(new PolicyRuleBuilder().withApiGroups("batch").withResources("jobs")
                        .withVerbs("get", "list", "watch", "create").build())
                .addToRules(new PolicyRuleBuilder().withApiGroups("apps").withResources("deployments")
                        .withVerbs("get", "list", "watch", "patch").build())
                .addToRules(new PolicyRuleBuilder().withApiGroups("apps").withResources("deployments/scale")
                        .withVerbs("get", "patch", "update").build())
                .build();
    }
}
