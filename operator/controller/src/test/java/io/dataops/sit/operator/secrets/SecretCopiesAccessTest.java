package io.dataops.sit.operator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator holds no right on a tenant's Secrets until an admin binds sit-operator-tenant-secrets there: a
 * refused GET ends the run with a reason that says how to allow it, never a retry loop.
 */
@EnableKubernetesMockClient
class SecretCopiesAccessTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aSecretTheOperatorMayNotReadEndsTheRunNamingTheBindingToCreate() {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/team-a/secrets/orders-api")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage("secrets \"orders-api\" is forbidden")
                                .build())
                .always();
        SitRun run = SecretCopiesTest.run();
        run.getSpec().getRunner().setEnv(List.of(SecretCopiesTest.fromSecret("orders-api", "token", null)));

        var problem = SecretCopies.plan(
                        client,
                        run,
                        OperatorSettings.SecretsFence.defaults(),
                        OperatorSettings.OperatorIdentity.DEFAULT)
                .problem();

        assertThat(problem).isNotNull();
        assertThat(problem.reason()).isEqualTo(RunReason.SECRET_NOT_READABLE.value());
        assertThat(problem.message())
                .contains(
                        "team-a",
                        "create rolebinding",
                        "--clusterrole=" + SecretCopies.TENANT_SECRETS_ROLE,
                        "--serviceaccount=sit-system:sit-operator");
    }
}
