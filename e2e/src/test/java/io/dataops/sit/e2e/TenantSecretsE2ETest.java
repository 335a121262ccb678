package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.SitRuns;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 8, AWS and Secrets, on a real API server: the CRD refuses a tenant-chosen ExternalId and the other new
 * rules; an unmapped AWS role ends the run before anything exists. Secrets by reference, with a real runner:
 * {@link TenantSecretsRealNodeE2ETest}.
 */
@ExtendWith(E2EExtension.class)
class TenantSecretsE2ETest {

    static final String NS = "e2e-tenant-secrets";
    static Kubectl kubectl;
    static KubernetesClient client;
    static SitRuns sitRuns;

    @BeforeAll
    static void setUp(E2EEnvironment env) {
        kubectl = env.kubectl();
        client = env.client();
        sitRuns = new SitRuns(kubectl);
        sitRuns.createNamespace(NS);
    }

    static final String RUNNER = "runner: { features: { configMapRef: { name: features } } }";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tenant externalId      | aws: { roleArn: 'arn:aws:iam::123456789012:role/x', region: eu-west-1, externalId: mine } | externalId is no longer accepted
            system aws without aws | systems: [ { name: s, image: busybox, aws: true } ]                                        | systems[].aws needs spec.aws
            reserved masking key   | databases: [ { name: db, postgres: {}, maskingKeySecretRef: { name: sit-aws-credentials, key: credentials } } ] | reserved for the operator
            """)
    void theSchemaRefusesTenantControlOfTheFence(String title, String badSpec, String expectedInMessage) {
        String yaml = """
                apiVersion: sit.dataops.io/v1alpha1
                kind: SitRun
                metadata:
                  name: invalid
                spec:
                %s
                """.formatted((badSpec + "\n" + RUNNER).indent(2));
        Command.Result result = kubectl.runWithInput(yaml, "apply", "-n", NS, "-f", "-");
        assertThat(result.exitCode()).as(title + " must be rejected").isNotZero();
        assertThat(result.stderr()).contains(expectedInMessage);
    }

    @Test
    void unmappedRoleEndsInErrorWithoutARunNamespace() {
        String name = "aws-unmapped";
        String role = "arn:aws:iam::123456789012:role/sit/not-mapped";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {
            ObjectNode aws = spec.putObject("aws");
            aws.put("roleArn", role);
            aws.put("region", "eu-west-1");
        }));
        sitRuns.awaitPhase(NS, name, "Error", Duration.ofMinutes(1));
        assertThat(sitRuns.field(NS, name, ".status.reason")).isEqualTo("AwsRoleNotAllowed");
        assertThat(sitRuns.field(NS, name, ".status.message")).contains(NS, role);
        String runNs = sitRuns.field(NS, name, ".status.namespace");
        assertThat(runNs.isEmpty() || !kubectl.run("get", "namespace", runNs).ok())
                .as("no run namespace for a refused role")
                .isTrue();
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
    }
}
