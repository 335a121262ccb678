package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An admin who refuses user steps (sit.runner.user-steps=refused): a run naming some ends before anything exists. */
@QuarkusTest
@TestProfile(UserStepsRefusedReconcileTest.Refused.class)
@WithKubernetesTestServer(crud = true)
class UserStepsRefusedReconcileTest extends TenantRunsTest {

    public static class Refused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sit.runner.user-steps", "refused");
        }
    }

    @Test
    void aRunWithUserStepsIsRefusedBeforeItsNamespaceExists() throws Exception {
        String ns = tenantNamespace("refused");
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("acme-steps")
                        .endMetadata()
                        .addToBinaryData("steps.jar", UserStepsReconcileTest.smallJar())
                        .build())
                .create();
        SitRun created = apply(
                ns,
                "own-steps",
                s -> s.getRunner()
                        .setSteps(List.of(new UserStepsSpec(
                                "com.acme.sit.steps", new ConfigMapKeyRef("acme-steps", "steps.jar")))));

        SitRun run = awaitPhase(ns, "own-steps", Phase.ERROR);

        assertThat(run.getStatus().getReason()).isEqualTo(RunReason.USER_STEPS_NOT_ALLOWED.value());
        assertThat(run.getStatus().getMessage())
                .contains("[com.acme.sit.steps]")
                .contains("sit.runner.user-steps=refused");
        assertThat(client.namespaces().withName(RunNames.namespace(created)).get())
                .isNull();

        // The same operator runs the built-in steps as before.
        apply(ns, "built-in-only", s -> {});
        assertThat(awaitPhase(ns, "built-in-only", Phase.TESTING).getStatus().getReason())
                .isNotEqualTo(RunReason.USER_STEPS_NOT_ALLOWED.value());
    }
}
