package io.dataops.sit.operator.fence;

import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.EnvRules;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The env fence applied by the operator to SitRuns the API server stored before the CRD had the rules. */
class EnvPolicyTest {

    static SitRun runWithRunnerEnv(EnvVar... env) {
        SitRun run = run("orders");
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        runner.setEnv(List.of(env));
        run.getSpec().setRunner(runner);
        return run;
    }

    @Test
    void theJavaListsAreTheCelRulesLists() {
        assertThat(EnvRules.RUNNER_FORBIDDEN_NAME_LIST)
                .contains("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "LD_PRELOAD", "KAFKA_BOOTSTRAP_SERVERS")
                .hasSize(EnvRules.RUNNER_FORBIDDEN_NAMES.split(",").length);
        assertThat(EnvRules.RUNNER_FORBIDDEN_PREFIX_LIST)
                .containsExactly("KUBERNETES_", "AWS_", "SIT_KAFKA_", "SIT_DB_");
        EnvRules.RUNNER_FORBIDDEN_NAME_LIST.forEach(
                n -> assertThat(EnvRules.RUNNER_ENV_RULE).contains("'" + n + "'"));
    }

    @Test
    void aForbiddenRunnerVariableEndsTheRunNamingIt() {
        var problem = EnvPolicy.check(runWithRunnerEnv(
                new EnvVar("SIT_QUIET_PERIOD_MS", "500", null),
                new EnvVar("JAVA_TOOL_OPTIONS", "-javaagent:/x.jar", null)));
        assertThat(problem.reason()).isEqualTo("EnvNotAllowed");
        assertThat(problem.message()).startsWith("spec.runner.env[1]: JAVA_TOOL_OPTIONS may not be set");
        assertThat(EnvPolicy.check(runWithRunnerEnv(new EnvVar("KUBERNETES_SERVICE_HOST", "evil", null))))
                .isNotNull();
        // The runner's evidence sampling is the admin's bound (sit.evidence.*), not the tenant's.
        assertThat(EnvPolicy.check(runWithRunnerEnv(new EnvVar(RunContract.ENV_EVIDENCE_RECORDS, "100000", null)))
                        .message())
                .contains("SIT_EVIDENCE_RECORDS may not be set");
        assertThat(EnvPolicy.check(runWithRunnerEnv(new EnvVar(RunContract.ENV_EVIDENCE_ROWS, "100000", null))))
                .isNotNull();
    }

    @Test
    void valueFromTheOperatorsObjectsIsRefusedForSystemsToo() {
        SitRun run = runWithRunnerEnv(new EnvVar("SIT_QUIET_PERIOD_MS", "500", null));
        var system = system("app");
        system.setEnv(List.of(new EnvVarBuilder()
                .withName("CREDS")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("sit-aws-credentials")
                .withKey("credentials")
                .endSecretKeyRef()
                .endValueFrom()
                .build()));
        run.getSpec().setSystems(List.of(system));
        assertThat(EnvPolicy.check(run).message())
                .startsWith("spec.systems[0].env[0]: env valueFrom may not reference");
    }

    @Test
    void ordinaryEnvPasses() {
        SitRun run = runWithRunnerEnv(
                new EnvVar("SIT_MASK_KEY", "k", null),
                new EnvVarBuilder()
                        .withName("DB")
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName("warehouse-postgres")
                        .withKey("password")
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build());
        var system = system("app");
        system.setEnv(List.of(new EnvVar("JAVA_TOOL_OPTIONS", "-Xmx256m", null)));
        run.getSpec().setSystems(List.of(system));
        assertThat(EnvPolicy.check(run)).isNull();
    }
}
