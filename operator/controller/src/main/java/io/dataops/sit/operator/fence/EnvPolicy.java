package io.dataops.sit.operator.fence;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.EnvRules;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;

/**
 * The CRD's env rules ({@link EnvRules}) once more in the operator, before anything is created: a SitRun stored
 * before the rules existed (an upgraded CRD does not re-validate stored objects) must not get them past the fence.
 */
public final class EnvPolicy {

    private EnvPolicy() {}

    public static Problem check(SitRun run) {
        var runner = run.getSpec().getRunner();
        if (runner != null) {
            List<EnvVar> env = runner.getEnv();
            for (int i = 0; i < env.size(); i++) {
                if (EnvRules.refusedForRunner(env.get(i).getName())) {
                    return new Problem(
                            RunReason.ENV_NOT_ALLOWED,
                            "spec.runner.env[" + i + "]: " + env.get(i).getName() + " may not be set: "
                                    + EnvRules.RUNNER_ENV_MESSAGE);
                }
                if (EnvRules.refusedValueFrom(env.get(i))) {
                    return new Problem(
                            RunReason.ENV_NOT_ALLOWED, "spec.runner.env[" + i + "]: " + EnvRules.VALUE_FROM_MESSAGE);
                }
            }
        }
        var systems = run.getSpec().getSystems();
        for (int s = 0; s < systems.size(); s++) {
            List<EnvVar> env = systems.get(s).getEnv();
            for (int i = 0; i < env.size(); i++) {
                if (EnvRules.refusedValueFrom(env.get(i))) {
                    return new Problem(
                            RunReason.ENV_NOT_ALLOWED,
                            "spec.systems[" + s + "].env[" + i + "]: " + EnvRules.VALUE_FROM_MESSAGE);
                }
            }
        }
        return null;
    }
}
