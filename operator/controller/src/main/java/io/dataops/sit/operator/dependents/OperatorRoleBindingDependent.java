package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.RunSettings;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The operator's own write access to one run namespace: binds its ServiceAccount to the ClusterRole
 * {@value Constants#RUN_NAMESPACE_CLUSTER_ROLE}, in that namespace only. The operator's cluster-wide role holds
 * no write verb on workloads, Secrets or RBAC; it may create RoleBindings and {@code bind} exactly this
 * ClusterRole, and the ValidatingAdmissionPolicy (deploy/) refuses both outside run namespaces.
 *
 * <p>Workflow: dependsOn the run namespace; everything written into the namespace dependsOn this.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.OPERATOR_ACCESS_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class OperatorRoleBindingDependent extends CRUDNoGCKubernetesDependentResource<RoleBinding, SitRun> {

    public OperatorRoleBindingDependent() {
        super(RoleBinding.class);
    }

    public static String getName(SitRun run) {
        return Constants.OPERATOR_ROLE_BINDING_NAME;
    }

    @Override
    protected RoleBinding desired(SitRun run, Context<SitRun> context) {
        return desired(run, RunSettings.of(context).identity());
    }

    public static RoleBinding desired(SitRun run, OperatorSettings.OperatorIdentity identity) {
        return new RoleBindingBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_OPERATOR_ACCESS))
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName(Constants.RUN_NAMESPACE_CLUSTER_ROLE)
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(identity.serviceAccount())
                .withNamespace(identity.namespace())
                .endSubject()
                .build();
    }
}
