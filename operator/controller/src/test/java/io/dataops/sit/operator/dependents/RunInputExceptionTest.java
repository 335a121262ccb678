package io.dataops.sit.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** Bad input the schema cannot see: the API server refusing an object built from the spec ends the run. */
class RunInputExceptionTest {

    static KubernetesClientException refused(int code, String message) {
        return new KubernetesClientException(
                new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void anInvalidObjectIsBadInputNamingTheDependentAndTheField() {
        var e = new RuntimeException(
                "wrapped",
                refused(
                        422,
                        "Deployment.apps \"app\" is invalid: "
                                + "spec.template.spec.containers[0].env[0].name: Invalid value: \"A=B\""));
        RunInputException input = RunInputException.fromApiRejection("systems", e);
        assertThat(input.reason()).isEqualTo("InvalidSpec");
        assertThat(input.getMessage()).contains("run's systems", "env[0].name: Invalid value");
    }

    @Test
    void otherRefusalsStayTransient() {
        // 403 (a quota, a terminating namespace), 409 (a conflict), 500: retried, not the run's fault.
        for (int code : new int[] {403, 409, 500}) {
            assertThat(RunInputException.fromApiRejection("systems", refused(code, "x")))
                    .as("" + code)
                    .isNull();
        }
    }

    @Test
    void longMessagesAreCut() {
        RunInputException input = RunInputException.fromApiRejection("systems", refused(422, "x".repeat(5000)));
        assertThat(input.getMessage().length()).isLessThan(1200);
    }
}
