package io.dataops.sit.operator.dependents.systems;

import static io.dataops.sit.operator.Constants.COMPONENT_SYSTEM;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.status.SystemStatus;
import io.dataops.sit.operator.dependents.RunObjects;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/** One system's status entry from the informer cache. Image pull failures: {@link PodProblems}. */
public final class SystemReadiness {

    private SystemReadiness() {}

    public static SystemStatus status(SitRun run, Context<SitRun> context, SystemSpec system) {
        SystemStatus status = new SystemStatus();
        status.setName(system.getName());
        Optional<Deployment> deployment = RunObjects.ofRun(
                context, Deployment.class, COMPONENT_SYSTEM, SystemDeploymentDependent.getName(system.getName()));
        boolean ready = deployment.map(SystemDeploymentDependent::isReady).orElse(false);
        status.setReady(ready);
        if (!ready) {
            status.setMessage(deployment.isEmpty() ? "creating the Deployment" : "waiting for available replicas");
        }
        return status;
    }
}
