package io.dataops.sit.operator.fence;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import java.util.List;

/**
 * Whether a SitRun may load its own step definitions (spec.runner.steps), checked before anything is created. User
 * steps are tenant code inside the runner pod, which holds the run's API token and AWS credentials: an admin who only
 * trusts the operator's runner code refuses them ({@code sit.runner.user-steps=refused}). The CRD's glue rule is
 * checked again, for SitRuns stored before the CRD carried it.
 */
public final class UserStepsPolicy {

    private UserStepsPolicy() {}

    public static Problem check(SitRun run, OperatorSettings settings) {
        var runner = run.getSpec().getRunner();
        List<UserStepsSpec> steps = runner == null ? List.of() : runner.getSteps();
        if (steps.isEmpty()) {
            return null;
        }
        if (!settings.workloadFence().userStepsAllowed()) {
            return new Problem(
                    RunReason.USER_STEPS_NOT_ALLOWED,
                    "spec.runner.steps names " + steps.size() + " jar(s) of user steps ("
                            + steps.stream().map(UserStepsSpec::getGlue).toList()
                            + "), which this operator's admin refuses (sit.runner.user-steps=refused): only the "
                            + "runner's built-in steps may run");
        }
        for (int i = 0; i < steps.size(); i++) {
            String glue = steps.get(i).getGlue();
            if (glue != null && UserStepsSpec.reservedGlue(glue)) {
                return new Problem(
                        RunReason.USER_STEPS_INVALID,
                        "spec.runner.steps[" + i + "].glue " + glue + ": " + UserStepsSpec.GLUE_MESSAGE);
            }
        }
        return null;
    }
}
