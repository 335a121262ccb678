package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.InClusterOperator;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Secrets by reference with the operator as installed (its own RBAC, no right on tenant Secrets) and a real runner
 * pod: until an admin binds sit-operator-tenant-secrets in the tenant's namespace the run ends SecretNotReadable;
 * then the referenced key (only it) reaches the runner, and no marker of the Secret or of a credential-bearing URL
 * shows in status, events, the operator's log or the runner's log.
 */
@Order(Integer.MAX_VALUE - 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantSecretsRealNodeE2ETest extends RealNodeTests {

    static final String NS = "e2e-tenant-secrets-node";
    static final String SECRET_MARKER = "tok-E2ESECRET-27182";
    static final String URL_MARKER = "pw-E2EURL-1618";

    @BeforeAll
    static void tenantSecret() {
        sitRuns.createNamespace(NS);
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("orders-api")
                        .endMetadata()
                        .addToData("token", base64(SECRET_MARKER))
                        .addToData("other", base64("x"))
                        .build())
                .createOr(r -> r.update());
    }

    static Consumer<ObjectNode> referencingTheSecret() {
        return spec -> {
            var env = ((ObjectNode) spec.get("runner")).putArray("env");
            env.addObject()
                    .put("name", "API_TOKEN")
                    .putObject("valueFrom")
                    .putObject("secretKeyRef")
                    .put("name", "orders-api")
                    .put("key", "token");
            env.addObject()
                    .put("name", "CALLBACK_URL")
                    .put("value", "https://bot:" + URL_MARKER + "@hooks.example.com/start?token=" + URL_MARKER);
        };
    }

    @Test
    @Order(1)
    void withoutTheAdminsBindingTheOperatorCannotReadTheTenantsSecret() {
        String name = "secret-unbound";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, referencingTheSecret()));
        sitRuns.awaitPhase(NS, name, "Error", Duration.ofMinutes(1));
        assertThat(sitRuns.field(NS, name, ".status.reason"))
                .as(sitRuns.describe(NS, name))
                .isEqualTo("SecretNotReadable");
        assertThat(sitRuns.field(NS, name, ".status.message"))
                .contains("--clusterrole=sit-operator-tenant-secrets", "--serviceaccount=sit-system:sit-operator");
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
    }

    @Test
    @Order(2)
    void onceBoundTheReferencedKeyReachesTheRunnerAndNoMarkerLeaks() {
        kubectl.ok(
                "create",
                "rolebinding",
                "sit-operator-tenant-secrets",
                "-n",
                NS,
                "--clusterrole=sit-operator-tenant-secrets",
                "--serviceaccount=sit-system:sit-operator");
        String name = "secret-ref";
        sitRuns.applyFresh(NS, name, Examples.variant("minimal-sitrun.yaml", name, referencingTheSecret()));
        String runNs = sitRuns.runNamespace(NS, name);
        Secret copy = Awaitility.await("Secret copy in " + runNs)
                .atMost(Duration.ofMinutes(1))
                .until(
                        () -> client.secrets()
                                .inNamespace(runNs)
                                .withName("orders-api")
                                .get(),
                        s -> s != null);
        assertThat(copy.getData()).containsOnlyKeys("token");
        sitRuns.waitFinished(NS, name);
        assertThat(sitRuns.phase(NS, name)).as(sitRuns.describe(NS, name)).isEqualTo("Succeeded");

        String status = kubectl.ok("get", "sitrun", name, "-n", NS, "-o", "jsonpath={.status}");
        String events = kubectl.ok("get", "events", "-n", NS, "-o", "yaml")
                + kubectl.ok("get", "events", "-n", runNs, "-o", "yaml");
        String operatorLog =
                kubectl.ok("logs", "deployment/" + InClusterOperator.DEPLOYMENT, "-n", InClusterOperator.NAMESPACE);
        String runnerLog = kubectl.ok("logs", "job/sit-runner", "-n", runNs);
        assertThat(runnerLog).as("runner log captured").isNotBlank();
        for (String marker : List.of(SECRET_MARKER, URL_MARKER, base64(SECRET_MARKER))) {
            assertThat(status).as("status").doesNotContain(marker);
            assertThat(events).as("events").doesNotContain(marker);
            assertThat(operatorLog).as("operator log").doesNotContain(marker);
            assertThat(runnerLog).as("runner log").doesNotContain(marker);
        }
        kubectl.ok("delete", "sitrun", name, "-n", NS, "--wait=false");
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
