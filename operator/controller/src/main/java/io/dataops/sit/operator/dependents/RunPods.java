package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * What every pod template of a run goes through once its dependent has built it: the securityContext of
 * {@link PodSecurity} and the run's {@link Placement}. Each dependent that builds a pod template (StatefulSet, Deployment, Job) calls
 * {@link #finish} and nothing else, so no pod of a run can miss it. It also decides who gets a service-account
 * token: only pods running as the runner's ServiceAccount.
 */
public final class RunPods {

    private RunPods() {}

    /** @param placement where the run's pods go: {@link Placement#of(SitRun, io.dataops.sit.operator.OperatorSettings)} */
    public static PodSpec finish(Placement placement, PodSpec spec, PodSecurity.Identity identity) {
        // Only the runner and seed pods talk to the API server (they write sit-results), with the runner's
        // ServiceAccount; every other pod (brokers, databases, topic Jobs, systems under test) gets no token.
        spec.setAutomountServiceAccountToken(RunContract.RUNNER_SERVICE_ACCOUNT.equals(spec.getServiceAccountName()));
        if (!placement.nodeSelector().isEmpty()) {
            spec.setNodeSelector(placement.nodeSelector());
        }
        if (!placement.tolerations().isEmpty()) {
            spec.setTolerations(placement.tolerations());
        }
        return PodSecurity.apply(spec, identity);
    }
}
