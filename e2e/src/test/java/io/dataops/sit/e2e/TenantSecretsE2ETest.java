package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.OperatorProcess;
import io.dataops.sit.e2e.support.RunnerStandIn;
import io.dataops.sit.e2e.support.SitRuns;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 8, AWS and Secrets, on a real API server: the CRD refuses a tenant-chosen ExternalId and the other new
 * rules; an unmapped AWS role ends the run before anything exists; a Secret handed over by reference reaches the
 * run as a copy of its key while neither it nor a credential-bearing URL shows up in status, events or the
 * operator's log.
 */
@ExtendWith(E2EExtension.class)
class TenantSecretsE2ETest {

    static final String NS = "e2e-tenant-secrets";
    static final String SECRET_MARKER = "tok-E2ESECRET-31337";
    static final String URL_MARKER = "pw-E2EURL-4242";
    static Kubectl kubectl;
    static KubernetesClient client;
    static SitRuns sitRuns;
    static OperatorProcess operator;

    @BeforeAll
    static void setUp(E2EEnvironment env) {
        kubectl = env.kubectl();
        client = env.client();
        operator = env.operator();
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
                .as("no run namespace for a refused role").isTrue();
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
    }

    @Test
    void secretByReferenceReachesTheRunButNoMarkerReachesStatusEventsOrTheOperatorLog() {
        String name = "secret-ref";
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("orders-api")
                .endMetadata().addToData("token", base64(SECRET_MARKER)).addToData("other", base64("x")).build())
                .createOr(r -> r.update());
        String callback = "https://bot:" + URL_MARKER + "@hooks.example.com/start?token=" + URL_MARKER;
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, spec -> {
            var env = ((ObjectNode) spec.get("runner")).putArray("env");
            env.addObject().put("name", "API_TOKEN").putObject("valueFrom").putObject("secretKeyRef")
                    .put("name", "orders-api").put("key", "token");
            env.addObject().put("name", "CALLBACK_URL").put("value", callback);
        }));
        String runNs = sitRuns.runNamespace(NS, name);

        Secret copy = Awaitility.await("Secret copy in " + runNs).atMost(Duration.ofMinutes(1)).until(() ->
                client.secrets().inNamespace(runNs).withName("orders-api").get(), s -> s != null);
        assertThat(copy.getData()).containsOnlyKeys("token");

        RunnerResult failing = RunnerStandIn.failing();
        failing.setMessage("starting " + callback + " returned HTTP 500");
        RunnerStandIn.writeResult(client, runNs, failing);
        sitRuns.waitFinished(NS, name);
        assertThat(sitRuns.phase(NS, name)).isEqualTo("Failed");
        assertThat(sitRuns.field(NS, name, ".status.message")).contains("https://***@hooks.example.com/start?***");

        String status = kubectl.ok("get", "sitrun", name, "-n", NS, "-o", "jsonpath={.status}");
        String events = kubectl.ok("get", "events", "-n", NS, "-o", "yaml");
        String log = operator.logText();
        assertThat(log).as("operator log captured").isNotEmpty();
        for (String marker : List.of(SECRET_MARKER, URL_MARKER, base64(SECRET_MARKER))) {
            assertThat(status).as("status").doesNotContain(marker);
            assertThat(events).as("events").doesNotContain(marker);
            assertThat(log).as("operator log").doesNotContain(marker);
        }
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
