package io.dataops.sit.operator.fence;

import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.OperatorSettings.WorkloadFence;
import io.dataops.sit.operator.RunSettings;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sit.runner.user-steps and the glue rule, as the reconciler is told before anything is created. */
class UserStepsPolicyTest {

    static SitRun runWithSteps(String... glue) {
        SitRun run = run("orders");
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        runner.setSteps(Arrays.stream(glue)
                .map(g -> new UserStepsSpec(g, new ConfigMapKeyRef("acme-steps", "steps.jar")))
                .toList());
        run.getSpec().setRunner(runner);
        return run;
    }

    static OperatorSettings refusing() {
        return OperatorSettings.defaults().withWorkloadFence(WorkloadFence.DEFAULTS.withUserStepsAllowed(false));
    }

    @Test
    void userStepsAreAllowedByDefaultAndRefusedWhenTheAdminSaysSo() {
        assertThat(OperatorSettings.defaults().workloadFence().userStepsAllowed())
                .isTrue();
        assertThat(UserStepsPolicy.check(runWithSteps("com.acme.sit.steps"), OperatorSettings.defaults()))
                .isNull();

        Problem refused = UserStepsPolicy.check(runWithSteps("com.acme.sit.steps", "com.acme.more"), refusing());
        assertThat(refused.reason()).isEqualTo(RunReason.USER_STEPS_NOT_ALLOWED.value());
        assertThat(refused.message())
                .contains("[com.acme.sit.steps, com.acme.more]")
                .contains("sit.runner.user-steps=refused");
        // A run without user steps is none of the switch's business.
        assertThat(UserStepsPolicy.check(runWithSteps(), refusing())).isNull();
    }

    @Test
    void theSwitchIsReadByItsDocumentedNameAndABadValueStopsTheStart() {
        assertThat(RunSettings.of(Map.of("sit.runner.user-steps", "Refused"))
                        .operator()
                        .workloadFence()
                        .userStepsAllowed())
                .isFalse();
        assertThat(RunSettings.of(Map.of("sit.runner.user-steps", "allowed"))
                        .operator()
                        .workloadFence()
                        .userStepsAllowed())
                .isTrue();
        assertThatThrownBy(() -> RunSettings.of(Map.of("sit.runner.user-steps", "maybe")))
                .hasMessageContaining("sit.runner.user-steps")
                .hasMessageContaining("maybe");
    }

    @Test
    void glueInOrAboveTheRunnersPackagesIsRefusedForRunsStoredBeforeTheCrdRule() {
        for (String glue : new String[] {"io.dataops.sit.runner", "io.dataops.sit.runner.steps", "io.dataops", "io"}) {
            Problem problem = UserStepsPolicy.check(runWithSteps("com.acme.ok", glue), OperatorSettings.defaults());
            assertThat(problem.reason()).as(glue).isEqualTo(RunReason.USER_STEPS_INVALID.value());
            assertThat(problem.message()).contains("spec.runner.steps[1].glue " + glue);
        }
        for (String glue :
                new String[] {"io.dataops.sitx", "io.dataops.sit.runnerx", "com.acme.io.dataops.sit.runner"}) {
            assertThat(UserStepsPolicy.check(runWithSteps(glue), OperatorSettings.defaults()))
                    .as(glue)
                    .isNull();
        }
    }
}
