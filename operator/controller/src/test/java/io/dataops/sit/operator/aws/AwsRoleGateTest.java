package io.dataops.sit.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate reads the admin's mapping from the operator's namespace and nowhere else. */
@EnableKubernetesMockClient(crud = true)
class AwsRoleGateTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/sit-runner";
    static final OperatorSettings.SecretsFence FENCE =
            new OperatorSettings.SecretsFence("sit-system", "sit-aws-roles", "sit", true, false);
    static final OperatorSettings.SecretsFence RUNNER_ONLY =
            new OperatorSettings.SecretsFence("sit-system", "sit-aws-roles", "sit", false, false);

    KubernetesClient client;

    void mapping(String namespace, String name, String tenant, String roles) {
        client.configMaps()
                .inNamespace(namespace)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .addToData(tenant, roles)
                        .build())
                .create();
    }

    @Test
    void deniedWithoutMappingAndTheMessageNamesNamespaceAndRoleOnly() {
        SitRun run = AwsCredentialsSecretDependentTest.run("orders", "30m");
        var problem = AwsRoleGate.check(client, run, FENCE);
        assertThat(problem.reason()).isEqualTo(RunReason.AWS_ROLE_NOT_ALLOWED.value());
        assertThat(problem.message()).contains("team-a", ROLE, "sit-aws-roles");
    }

    @Test
    void aMappingElsewhereThanTheOperatorsNamespaceCountsForNothing() {
        // A tenant can create ConfigMaps in its own namespace, even one named sit-aws-roles.
        mapping("team-a", "sit-aws-roles", "team-a", ROLE);
        SitRun run = AwsCredentialsSecretDependentTest.run("orders", "30m");
        assertThat(AwsRoleGate.check(client, run, FENCE)).isNotNull();

        mapping("sit-system", "sit-aws-roles", "team-a", ROLE);
        assertThat(AwsRoleGate.check(client, run, FENCE)).isNull();
    }

    @Test
    void systemsOptInIsRefusedWhenTheAdminKeepsCredentialsToTheRunner() {
        mapping("sit-system", "sit-aws-roles", "team-a", ROLE);
        SitRun run = AwsCredentialsSecretDependentTest.run("orders", "30m");
        SystemSpec system = new SystemSpec();
        system.setName("loader");
        system.setAws(true);
        run.getSpec().setSystems(List.of(system));

        assertThat(AwsRoleGate.check(client, run, FENCE)).isNull();
        var problem = AwsRoleGate.check(client, run, RUNNER_ONLY);
        assertThat(problem.reason()).isEqualTo(RunReason.AWS_FOR_SYSTEMS_NOT_ALLOWED.value());
        assertThat(problem.message()).contains("loader");
    }

    @Test
    void runsWithoutAwsAreNotConcerned() {
        SitRun run = AwsCredentialsSecretDependentTest.run("orders", "30m");
        run.getSpec().setAws(null);
        assertThat(AwsRoleGate.check(client, run, FENCE)).isNull();
    }
}
