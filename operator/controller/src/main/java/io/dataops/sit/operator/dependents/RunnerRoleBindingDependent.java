package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Binds RunnerRoleDependent's Role to the sit-runner ServiceAccount. */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.RUNNER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class RunnerRoleBindingDependent extends CRUDNoGCKubernetesDependentResource<RoleBinding, SitRun> {

    public RunnerRoleBindingDependent() {
        super(RoleBinding.class);
    }

    public static String getName(SitRun run) {
        return Constants.RUNNER_ROLE_NAME;
    }

    @Override
    protected RoleBinding desired(SitRun run, Context<SitRun> context) {
        return new RoleBindingBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_RUNNER))
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName(RunnerRoleDependent.getName(run))
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(RunnerServiceAccountDependent.getName(run))
                .withNamespace(RunNames.namespace(run))
                .endSubject()
                .build();
    }
}
