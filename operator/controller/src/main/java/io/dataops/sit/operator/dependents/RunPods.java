package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * What every pod template of a run goes through once its dependent has built it: the securityContext of
 * {@link PodSecurity} and the run's {@link Placement}. Each dependent that builds a pod template (StatefulSet, Deployment, Job) calls
 * {@link #finish} and nothing else, so no pod of a run can miss it.
 */
public final class RunPods {

    private RunPods() {
    }

    public static PodSpec finish(SitRun run, PodSpec spec, PodSecurity.Identity identity) {
        Placement placement = Placement.of(run);
        if (!placement.nodeSelector().isEmpty()) {
            spec.setNodeSelector(placement.nodeSelector());
        }
        if (!placement.tolerations().isEmpty()) {
            spec.setTolerations(placement.tolerations());
        }
        return PodSecurity.apply(spec, identity);
    }
}
