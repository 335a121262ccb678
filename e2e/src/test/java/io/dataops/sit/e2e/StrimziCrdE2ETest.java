package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.Repo;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaNodePoolDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaTopicDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziSupport;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Strimzi objects the operator generates (kafka.strimzi.io/v1 Kafka, KafkaNodePool, KafkaTopic, built by the
 * operator's own {@code desired(...)} methods for a SitRun with {@code provider: strimzi}) against Strimzi's real
 * CRDs on a real API server: created with strict field validation (an unknown field is an error, not silently
 * pruned), then read back to prove the server kept every field as sent.
 *
 * <p>The CRDs: no Maven artifact ships Strimzi's CRD YAMLs (io.strimzi:api 1.2.0, its -tests jar,
 * crd-annotations and crd-generator hold none; Strimzi writes them into its source tree's packaging/install/).
 * So this test makes them the way Strimzi's own build does: io.strimzi:crd-generator 1.2.0 run on the classes of
 * io.strimzi:api 1.2.0 (the version the operator compiles against) with the arguments of the api module's
 * {@code generate-crd-co-install-v1} execution. Both jars are copied to target/strimzi-crd-generator/ by the
 * e2e pom, off the test classpath.
 *
 * <p>Other classes assert behaviour without Strimzi (an {@code auto} broker resolves to builtin), so this class
 * runs after every KWOK class ({@code @Order}) and removes what it installed: the namespace, then the CRDs, then
 * waits until discovery no longer serves kafka.strimzi.io/v1. An operator that still has "Strimzi installed" in
 * its detection cache changes nothing for later runs: {@code auto} resolves to builtin unless the operator is
 * configured with {@code sit.strimzi.watches-all-namespaces}, which the suite never sets. No SitRun is created
 * here, so the suite's operator never acts on these objects.
 */
@ExtendWith(E2EExtension.class)
@Order(Integer.MAX_VALUE - 1)
class StrimziCrdE2ETest {

    static final String GROUP_VERSION = "kafka.strimzi.io/v1";
    static final List<String> CRDS =
            List.of("kafkas.kafka.strimzi.io", "kafkanodepools.kafka.strimzi.io", "kafkatopics.kafka.strimzi.io");
    static final ObjectMapper JSON = new ObjectMapper();

    static Kubectl kubectl;
    static KubernetesSerialization serialization;
    static Path crdDir;
    static SitRun run;
    static String runNamespace;

    static final String SITRUN = """
            apiVersion: sit.dataops.io/v1alpha1
            kind: SitRun
            metadata:
              name: strimzi-crd
              namespace: team-strimzi
            spec:
              brokers:
                - name: events
                  kafka:
                    provider: strimzi
                    version: 4.2.0
                    replicas: 3
                    topics:
                      - { name: Orders_V1, partitions: 6, replicationFactor: 3,
                          config: { retention.ms: "3600000", cleanup.policy: compact } }
                      - { name: audit }
                - name: single
                  kafka:
                    provider: strimzi
                    topics:
                      - { name: payments.v2 }
            """;

    @BeforeAll
    static void installStrimziCrds(E2EEnvironment env) {
        kubectl = env.kubectl();
        serialization = env.client().getKubernetesSerialization();
        crdDir = generateCrds();
        kubectl.ok("apply", "--server-side", "--force-conflicts", "-f", crdDir.toString());
        Awaitility.await("Strimzi CRDs established and " + GROUP_VERSION + " served")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> CRDS.stream()
                                .allMatch(crd -> kubectl.run(
                                                "get",
                                                "crd",
                                                crd,
                                                "-o",
                                                "jsonpath={.status.conditions[?(@.type==\"Established\")].status}")
                                        .stdout()
                                        .strip()
                                        .equals("True"))
                        && served());

        run = serialization.unmarshal(SITRUN, SitRun.class);
        run.getMetadata().setUid(UUID.randomUUID().toString());
        runNamespace = RunNames.namespace(run);
        kubectl.ok("create", "namespace", runNamespace);
    }

    @AfterAll
    static void removeStrimziCrds() {
        if (kubectl == null) {
            return;
        }
        if (runNamespace != null) {
            kubectl.run("delete", "namespace", runNamespace, "--ignore-not-found", "--timeout=120s");
        }
        kubectl.run("delete", "--ignore-not-found", "--timeout=120s", "-f", crdDir.toString());
        Awaitility.await(GROUP_VERSION + " no longer served")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !served());
    }

    static boolean served() {
        return kubectl.run("get", "--raw", "/apis/" + GROUP_VERSION).ok();
    }

    /** Strimzi's CRD generator on Strimzi's api classes, as Strimzi's build runs it (see the class comment). */
    static Path generateCrds() {
        Path jars = Repo.path("e2e/target/strimzi-crd-generator");
        Path out = Repo.path("e2e/target/strimzi-crds");
        try {
            Files.createDirectories(out);
            try (var old = Files.list(out)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(jars.resolve("crd-generator.jar"))
                .as("copied by the e2e pom (generate-test-resources)")
                .exists();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                jars.resolve("api.jar") + File.pathSeparator + jars.resolve("crd-generator.jar"),
                "io.strimzi.crdgenerator.CrdGenerator",
                "--label",
                "app:strimzi",
                "--label",
                "strimzi.io/crd-install:true",
                "--target-kube",
                "1.16+",
                "--crd-api-version",
                "v1",
                "--api-versions",
                "v1",
                "--storage-version",
                "v1",
                "--yaml",
                // file names as in Strimzi's packaging/install/cluster-operator/
                "io.strimzi.api.kafka.model.kafka.Kafka=" + out.resolve("040-Crd-kafka.yaml"),
                "io.strimzi.api.kafka.model.topic.KafkaTopic=" + out.resolve("043-Crd-kafkatopic.yaml"),
                "io.strimzi.api.kafka.model.nodepool.KafkaNodePool=" + out.resolve("045-Crd-kafkanodepool.yaml")));
        Command.run(Map.of(), Duration.ofMinutes(3), null, cmd).orFail();
        return out;
    }

    /** What the operator would create for this run: its own builders, one set per Strimzi broker. */
    static List<HasMetadata> operatorObjects() {
        List<HasMetadata> objects = new ArrayList<>();
        for (BrokerSpec broker : StrimziKafkaDependent.strimziBrokers(run, StrimziSupport.OWN_NAMESPACE_ONLY)) {
            objects.add(StrimziKafkaDependent.desired(run, broker));
            objects.add(StrimziKafkaNodePoolDependent.desired(run, broker));
            for (TopicSpec topic : broker.getKafka().getTopics()) {
                objects.add(StrimziKafkaTopicDependent.desired(run, broker, topic));
            }
        }
        return objects;
    }

    @Test
    void generatedCrdsAreStrimzisV1Only() {
        for (String crd : CRDS) {
            assertThat(kubectl.ok("get", "crd", crd, "-o", "jsonpath={.spec.versions[*].name}")
                            .strip())
                    .as("versions of %s", crd)
                    .isEqualTo("v1");
            assertThat(kubectl.ok("get", "crd", crd, "-o", "jsonpath={.metadata.labels.app}"))
                    .isEqualTo("strimzi");
        }
    }

    @Test
    void theOperatorsStrimziObjectsAreAcceptedAndKeptAsSent() throws IOException {
        List<HasMetadata> objects = operatorObjects();
        assertThat(objects)
                .extracting(HasMetadata::getKind)
                .containsExactly(
                        "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaTopic", "Kafka", "KafkaNodePool", "KafkaTopic");
        for (HasMetadata object : objects) {
            assertThat(object.getApiVersion()).isEqualTo(GROUP_VERSION);
            assertThat(object.getMetadata().getNamespace()).isEqualTo(runNamespace);
            String yaml = serialization.asYaml(object);
            String what = object.getKind() + " " + object.getMetadata().getName();

            Command.Result dryRun =
                    kubectl.runWithInput(yaml, "apply", "--dry-run=server", "--validate=strict", "-f", "-");
            assertThat(dryRun.ok())
                    .as("server dry run of %s:\n%s\n%s", what, dryRun.stderr(), yaml)
                    .isTrue();
            Command.Result created = kubectl.runWithInput(yaml, "create", "--validate=strict", "-f", "-");
            assertThat(created.ok())
                    .as("create %s:\n%s\n%s", what, created.stderr(), yaml)
                    .isTrue();

            JsonNode sent = JSON.readTree(serialization.asJson(object));
            JsonNode stored = JSON.readTree(kubectl.ok(
                    "get",
                    object.getKind().toLowerCase() + "." + "kafka.strimzi.io",
                    object.getMetadata().getName(),
                    "-n",
                    runNamespace,
                    "-o",
                    "json"));
            assertKept("spec", sent.get("spec"), stored.get("spec"), what);
            assertKept(
                    "metadata.labels",
                    sent.get("metadata").get("labels"),
                    stored.get("metadata").get("labels"),
                    what);
        }
    }

    @Test
    void theCrdsReallyValidate() {
        // A control: the schema is enforced (a structural schema, not x-kubernetes-preserve-unknown-fields).
        var pool = StrimziKafkaNodePoolDependent.desired(
                run, run.getSpec().getBrokers().get(0));
        pool.getMetadata().setName("bad-roles");
        String yaml = serialization
                .asYaml(pool)
                .replace("- \"broker\"", "- \"gardener\"")
                .replace("- broker", "- gardener");
        assertThat(yaml).contains("gardener");
        Command.Result badEnum = kubectl.runWithInput(yaml, "apply", "--dry-run=server", "-f", "-");
        assertThat(badEnum.ok()).isFalse();
        assertThat(badEnum.stderr()).contains("spec.roles");

        var kafka =
                StrimziKafkaDependent.desired(run, run.getSpec().getBrokers().get(0));
        kafka.getMetadata().setName("unknown-field");
        kafka.getSpec().getKafka().setAdditionalProperty("noSuchField", "x");
        Command.Result unknown = kubectl.runWithInput(
                serialization.asYaml(kafka), "apply", "--dry-run=server", "--validate=strict", "-f", "-");
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.stderr()).contains("noSuchField");
    }

    /** Every field sent is stored with the same value (the server may add defaults, never drop or change). */
    static void assertKept(String path, JsonNode sent, JsonNode stored, String what) {
        if (sent == null || sent.isNull()) {
            return;
        }
        assertThat(stored)
                .as("%s: %s missing after create (pruned?)", what, path)
                .isNotNull();
        if (sent.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                var field = it.next();
                assertKept(path + "." + field.getKey(), field.getValue(), stored.get(field.getKey()), what);
            }
        } else if (sent.isArray()) {
            assertThat(stored.size()).as("%s: length of %s", what, path).isEqualTo(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertKept(path + "[" + i + "]", sent.get(i), stored.get(i), what);
            }
        } else {
            assertThat(stored).as("%s: %s", what, path).isEqualTo(sent);
        }
    }
}
