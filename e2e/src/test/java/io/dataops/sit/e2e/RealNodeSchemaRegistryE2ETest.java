package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.e2e.support.Repo;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * examples/schema-registry-sitrun.yaml in real pods on the real node: the operator makes the run's Schema Registry
 * (Apicurio Registry's distribution in the image e2e/images builds as schema-registry, sit.schema-registry.image) as
 * a Deployment and Service in the run namespace under Pod Security restricted and the namespace's network policy;
 * the runner pod registers order.avsc through SCHEMA_REGISTRY_URL, publishes in the registry wire format, and the
 * relay's copies pass the contract and value checks.
 */
@Order(Integer.MAX_VALUE - 7)
class RealNodeSchemaRegistryE2ETest extends RealNodeTests {

    static final String NS = "e2e-registry-node";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    @BeforeAll
    static void namespace() {
        sitRuns.createNamespace(NS);
    }

    @Test
    void theExampleRegistersItsSchemaAndPublishesTheWireFormatInRealPods() {
        kubectl.ok(
                "apply",
                "-n",
                NS,
                "-f",
                Repo.path("examples/schema-registry-sitrun.yaml").toString());
        awaitEnded(NS, "schema-registry", RUN_TIMEOUT);
        assertThat(sitRuns.phase(NS, "schema-registry"))
                .as(() -> sitRuns.describe(NS, "schema-registry") + "\n" + diagnostics(NS, "schema-registry"))
                .isEqualTo("Succeeded");
        assertThat(sitRuns.field(NS, "schema-registry", ".status.results.thresholds[*].passed"))
                .isEqualTo("true true true");

        String runNs = sitRuns.runNamespace(NS, "schema-registry");
        Deployment registry = client.apps()
                .deployments()
                .inNamespace(runNs)
                .withName("sit-schema-registry")
                .get();
        assertThat(registry).as("the registry's Deployment in " + runNs).isNotNull();
        Container container =
                registry.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("ghcr.io/dataops-sit/sit-schema-registry:3.3.3");
        assertThat(client.services()
                        .inNamespace(runNs)
                        .withName("sit-schema-registry")
                        .get())
                .isNotNull();

        List<Pod> runners = client.pods()
                .inNamespace(runNs)
                .withLabel(Labels.COMPONENT, "runner")
                .list()
                .getItems();
        assertThat(runners).hasSize(1);
        assertThat(kubectl.ok("logs", "-n", runNs, runners.get(0).getMetadata().getName()))
                .contains("in the registry wire format, schema id ")
                .contains("of subject orders-value");
        kubectl.ok("delete", "sitrun", "schema-registry", "-n", NS, "--wait=false");
    }
}
