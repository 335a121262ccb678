package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** ServiceAccount of the runner and seed Jobs; its permissions are RunnerRoleDependent's, nothing more. */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.RUNNER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class RunnerServiceAccountDependent extends CRUDNoGCKubernetesDependentResource<ServiceAccount, SitRun> {

    public RunnerServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    public static String getName(SitRun run) {
        return RunContract.RUNNER_SERVICE_ACCOUNT;
    }

    @Override
    protected ServiceAccount desired(SitRun run, Context<SitRun> context) {
        return new ServiceAccountBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_RUNNER))
                .build();
    }
}
