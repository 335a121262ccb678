package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.e2e.support.Examples;
import io.dataops.sit.e2e.support.Repo;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed Job's data features in real pods on the real node: the dataset manifest and the gates of
 * examples/dataset-gates-sitrun.yaml (the cross-database foreign key checked by the runner pod, which alone holds both
 * databases' credentials) reach status.databases[]; and columns declared PII, seeded by SQL, are masked in place with
 * the tenant's private key (a Secret copied into the run namespace as the seed Job's SIT_MASK_KEY), which the status
 * and the DefaultMaskingKey condition report.
 */
@Order(Integer.MAX_VALUE - 6)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeDataE2ETest extends RealNodeTests {

    static final String NS = "e2e-data-node";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A customer table filled by SQL (not by a CSV step's mask): only the in-place pass can mask it. */
    static final String MASKING_RUN = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: masking-golden
            data:
              schema.sql: |
                CREATE TABLE IF NOT EXISTS customer (id bigint PRIMARY KEY, email text, phone text, full_name text);
                INSERT INTO customer VALUES
                  (1, 'alice@corp.example', '+44 20 7946 0958', 'Alice Smith'),
                  (2, 'bob@corp.example', NULL, 'Bob Jones'),
                  (3, 'carol@corp.example', '020 7946 0000', 'Carol King')
                  ON CONFLICT DO NOTHING;
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: masking-features
            data:
              masking.feature: |
                Feature: Personal data is masked before the scenarios see it
                  Scenario: No original value is left
                    Then table customer contains 3 rows with tolerance of +/- 0
                    And the query "select count(*) from customer where email like '%@corp.example'" returns 0
                    And the query "select count(*) from customer where full_name in ('Alice Smith', 'Bob Jones')" returns 0
                    And the query "select count(*) from customer where phone is null" returns 1
            ---
            apiVersion: sit.dataops.io/v1alpha1
            kind: SitRun
            metadata:
              name: masking
            spec:
              timeout: 15m
              databases:
                - name: warehouse
                  postgres:
                    version: "16"
                  maskingKeySecretRef: { name: masking, key: key }
                  masking:
                    pii: [customer.email, customer.phone, customer.full_name]
                    columns:
                      - { table: customer, column: email, as: email }
                      - { table: customer, column: phone, as: phone }
                      - { table: customer, column: full_name, as: name }
                  seed:
                    - sql: { configMapRef: { name: masking-golden, key: schema.sql } }
              runner:
                image: ghcr.io/dataops-sit/sit-runner:0.1.0
                features:
                  configMapRef:
                    name: masking-features
            """;

    @BeforeAll
    static void namespaceWithAMaskingKey() {
        sitRuns.createNamespace(NS);
        client.secrets()
                .inNamespace(NS)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("masking")
                        .endMetadata()
                        .addToData(
                                "key",
                                Base64.getEncoder()
                                        .encodeToString("e2e-private-masking-key".getBytes(StandardCharsets.UTF_8)))
                        .build())
                .createOr(r -> r.update());
        // As an admin does for a tenant whose runs reference Secrets (deploy/README.md): the install never binds it.
        client.rbac()
                .roleBindings()
                .inNamespace(NS)
                .resource(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("sit-operator-tenant-secrets")
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole")
                        .withName("sit-operator-tenant-secrets")
                        .endRoleRef()
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName("sit-operator")
                        .withNamespace("sit-system")
                        .endSubject()
                        .build())
                .createOr(r -> r.update());
    }

    @Test
    @Order(1)
    void datasetGatesExampleReportsEveryGateAndItsManifest() throws Exception {
        kubectl.ok(
                "apply",
                "-n",
                NS,
                "-f",
                Repo.path("examples/dataset-gates-sitrun.yaml").toString());
        awaitEnded(NS, "dataset-gates", RUN_TIMEOUT);
        assertThat(sitRuns.phase(NS, "dataset-gates"))
                .as(() -> sitRuns.describe(NS, "dataset-gates") + "\n" + diagnostics(NS, "dataset-gates"))
                .isEqualTo("Succeeded");

        JsonNode orders = database("dataset-gates", "orders");
        JsonNode crm = database("dataset-gates", "crm");
        assertThat(orders.path("gates"))
                .allSatisfy(g -> assertThat(g.path("passed").asBoolean())
                        .as(g.toString())
                        .isTrue());
        assertThat(crm.path("gates"))
                .allSatisfy(g -> assertThat(g.path("passed").asBoolean())
                        .as(g.toString())
                        .isTrue());
        // seed gates (schema, two column gates, the manifest's migration version) and the runner's cross-database one
        assertThat(types(orders))
                .containsExactlyInAnyOrder("schema", "column", "column", "migrationVersion", "crossDatabaseForeignKey");
        assertThat(types(crm)).containsExactlyInAnyOrder("rowCount", "column");
        JsonNode crossDatabase = gate(orders, "crossDatabaseForeignKey");
        assertThat(crossDatabase.path("name").asText()).isEqualTo("every order's customer exists in crm");
        assertThat(gate(orders, "schema").path("name").asText()).isEqualTo("orders table as migration 2 made it");

        JsonNode dataset = orders.path("dataset");
        assertThat(dataset.path("manifestSha256").asText()).isEqualTo(sha256(manifestOfTheExample()));
        assertThat(dataset.path("version").asText()).isEqualTo("orders-golden-v4");
        assertThat(dataset.path("files").asInt()).isEqualTo(3);
        assertThat(dataset.path("migrationVersion").asText()).isEqualTo("2");
        assertThat(dataset.has("drift")).as(dataset.toString()).isFalse();
        assertThat(orders.path("seeded").asBoolean()).isTrue();
        kubectl.ok("delete", "sitrun", "dataset-gates", "-n", NS, "--wait=false");
    }

    @Test
    @Order(2)
    void sqlSeededPiiIsMaskedInPlaceWithThePrivateKey() throws Exception {
        sitRuns.applyFresh(NS, "masking", MASKING_RUN);
        awaitEnded(NS, "masking", RUN_TIMEOUT);
        // the scenario's queries prove no original e-mail or name is left in the database the runner reads
        assertThat(sitRuns.phase(NS, "masking"))
                .as(() -> sitRuns.describe(NS, "masking") + "\n" + diagnostics(NS, "masking"))
                .isEqualTo("Succeeded");

        JsonNode masking = database("masking", "warehouse").path("masking");
        assertThat(masking.path("key").asText()).as(masking.toString()).isEqualTo("Private");
        assertThat(masking.path("declared").asInt()).isEqualTo(3);
        assertThat(masking.path("masked").asInt()).isEqualTo(3);
        assertThat(masking.path("unmasked")).as(masking.toString()).isEmpty();
        assertThat(sitRuns.condition(NS, "masking", "DefaultMaskingKey")).isEqualTo("False");
        assertThat(sitRuns.field(NS, "masking", ".status.conditions[?(@.type==\"DefaultMaskingKey\")].reason"))
                .isEqualTo("PrivateKey");
        kubectl.ok("delete", "sitrun", "masking", "-n", NS, "--wait=false");
    }

    private static JsonNode database(String run, String database) throws Exception {
        JsonNode databases = JSON.readTree(sitRuns.field(NS, run, ".status.databases"));
        return StreamSupport.stream(databases.spliterator(), false)
                .filter(d -> database.equals(d.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no status.databases[] entry " + database + ": " + databases));
    }

    private static List<String> types(JsonNode database) {
        return StreamSupport.stream(database.path("gates").spliterator(), false)
                .map(g -> g.path("type").asText())
                .toList();
    }

    private static JsonNode gate(JsonNode database, String type) {
        return StreamSupport.stream(database.path("gates").spliterator(), false)
                .filter(g -> type.equals(g.path("type").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " gate: " + database));
    }

    /** manifest.yaml as the example's ConfigMap holds it, which is what the seed Job reads and hashes. */
    private static String manifestOfTheExample() {
        ObjectNode configMap = Examples.documents("dataset-gates-sitrun.yaml").stream()
                .filter(d -> "orders-golden-v4"
                        .equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow();
        return configMap.path("data").path("manifest.yaml").asText();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
