package io.dataops.sit.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataops.sit.api.v1alpha1.spec.MaskFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD under crds/ must be exactly what the build generates from the Java model, and
 * the generated schema must carry what users rely on (descriptions, printer columns, validation).
 * docs/api-reference.md is rendered from that CRD and kept in step the same way.
 * To refresh both after a model change: {@code ./sit mvn -q -pl operator/api test -Dtest=SitRunCrdTest
 * -Dsit.crd.update=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SitRunCrdTest {

    static final String FILE = "sitruns.sit.dataops.io-v1.yml";
    static final Path GENERATED = Path.of("target/classes/META-INF/fabric8", FILE);
    static final Path COMMITTED = Path.of("../../crds", FILE);
    static final Path API_REFERENCE = Path.of("../../docs/api-reference.md");

    @Test
    void committedCrdMatchesTheModel() throws IOException {
        String generated = Files.readString(GENERATED);
        if (System.getProperty("sit.crd.update") != null) {
            Files.writeString(COMMITTED, generated);
        }
        assertThat(Files.readString(COMMITTED))
                .as(
                        "crds/%s drifted from the Java model; regenerate it with "
                                + "./sit mvn -pl operator/api verify -Dsit.crd.update and commit it",
                        FILE)
                .isEqualTo(generated);
    }

    @Test
    void committedApiReferenceMatchesTheCrd() throws IOException {
        String generated = ApiReference.render(Files.readString(GENERATED));
        if (System.getProperty("sit.crd.update") != null) {
            Files.writeString(API_REFERENCE, generated);
        }
        assertThat(Files.readString(API_REFERENCE))
                .as("docs/api-reference.md drifted from the CRD; regenerate it with "
                        + "./sit mvn -pl operator/api test -Dtest=SitRunCrdTest -Dsit.crd.update and commit it")
                .isEqualTo(generated);
    }

    @Test
    void everyFieldHasADescription() throws IOException {
        // kubectl explain shows these: our fields are described on the model, those of embedded Kubernetes types
        // (env, resources, conditions) are filled from upstream by KubernetesDescriptions.
        List<String> undocumented = new ArrayList<>();
        collectUndocumented("", version().at("/schema/openAPIV3Schema"), undocumented);
        assertThat(undocumented).as("fields without description").isEmpty();
    }

    @Test
    void printerColumnsComeInTheDocumentedOrder() throws IOException {
        List<String> names = new ArrayList<>();
        List<String> wide = new ArrayList<>();
        version()
                .get("additionalPrinterColumns")
                .forEach(c -> (c.path("priority").asInt() == 0 ? names : wide)
                        .add(c.get("name").asText()));
        assertThat(names).containsExactly("Phase", "Queue", "Passed", "Namespace", "Age");
        assertThat(wide).containsExactly("Started", "Duration", "Reason", "Cleanup");
    }

    @Test
    void aRunningRunShowsSinceWhenItRunsAndTheEndedRunItsDuration() throws IOException {
        Map<String, JsonNode> columns = new HashMap<>();
        version()
                .get("additionalPrinterColumns")
                .forEach(c -> columns.put(c.get("name").asText(), c));
        assertThat(columns.get("Started").get("jsonPath").asText()).isEqualTo(".status.startTime");
        assertThat(columns.get("Started").get("type").asText())
                .as("kubectl prints a date as an age")
                .isEqualTo("date");
        assertThat(columns.get("Duration").get("jsonPath").asText()).isEqualTo(".status.duration");
    }

    @Test
    void statusIsASubresourceAndShortNamesAreSet() throws IOException {
        JsonNode crd = crd();
        assertThat(version().at("/subresources/status").isObject()).isTrue();
        assertThat(crd.at("/spec/names/shortNames").toString()).contains("sit", "sitrun");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
    }

    @Test
    void namesAndEnumsAreValidatedByTheSchema() throws IOException {
        JsonNode spec = version().at("/schema/openAPIV3Schema/properties/spec");
        assertThat(spec.at("/required").toString()).contains("runner");
        JsonNode broker = spec.at("/properties/brokers/items");
        assertThat(broker.at("/properties/name/pattern").asText()).isEqualTo("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        assertThat(broker.at("/properties/kafka/properties/provider/enum").toString())
                .contains("auto", "strimzi", "builtin");
        assertThat(spec.at("/properties/brokers/x-kubernetes-validations/0/rule")
                        .asText())
                .contains("exists_one");
        assertThat(spec.at("/properties/ttlSecondsAfterFinished/minimum").asInt())
                .isZero();
    }

    @Test
    void maskFormatsAreAClosedSetAndPiiEntriesNameColumns() throws IOException {
        JsonNode masking =
                version().at("/schema/openAPIV3Schema/properties/spec/properties/databases/items/properties/masking");
        List<String> formats = new ArrayList<>();
        masking.at("/properties/columns/items/properties/as/enum").forEach(f -> formats.add(f.asText()));
        assertThat(formats)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(MaskFormat.values())
                        .map(MaskFormat::value)
                        .toList());
        assertThat(masking.at("/properties/columns/items/required").toString()).contains("table", "column");
        assertThat(masking.at("/properties/pii/x-kubernetes-validations/0/rule").asText())
                .contains("matches");
    }

    @Test
    void placementIsDescribedAndValidated() throws IOException {
        JsonNode placement = version().at("/schema/openAPIV3Schema/properties/spec/properties/placement");
        assertThat(placement
                        .at("/properties/nodeSelector/additionalProperties/type")
                        .asText())
                .isEqualTo("string");
        assertThat(placement.at("/properties/nodeSelector/maxProperties").asInt())
                .isEqualTo(20);
        JsonNode toleration = placement.at("/properties/tolerations/items");
        assertThat(toleration.at("/properties").size()).isEqualTo(5);
        assertThat(toleration.at("/properties/effect/pattern").asText()).contains("NoSchedule", "NoExecute");
        assertThat(toleration.at("/properties/operator/pattern").asText()).contains("Exists", "Equal");
        assertThat(toleration.at("/x-kubernetes-validations").toString())
                .contains("operator Exists takes no value", "tolerationSeconds only applies to effect NoExecute");
    }

    @Test
    void runnerEnvCannotTakeOverTheJvmTheApiIdentityOrTheRunContract() throws IOException {
        JsonNode env = version().at("/schema/openAPIV3Schema/properties/spec/properties/runner/properties/env");
        assertThat(env.at("/maxItems").asInt()).isEqualTo(100);
        String rules = env.at("/x-kubernetes-validations").toString();
        assertThat(rules)
                .contains(
                        "JAVA_TOOL_OPTIONS",
                        "JDK_JAVA_OPTIONS",
                        "_JAVA_OPTIONS",
                        "JAVA_OPTS",
                        "LD_PRELOAD",
                        "LD_LIBRARY_PATH",
                        "CLASSPATH",
                        "SIT_RUN_NAMESPACE",
                        "SIT_CONFIGMAPS_DIR",
                        "'KUBERNETES_'",
                        "'AWS_'",
                        "'SIT_DB_'",
                        "size(e.name) > 0",
                        "secretKeyRef.name.startsWith('sit-')",
                        "configMapKeyRef.name.startsWith('sit-')");
        // No regular expression on the upstream EnvVar name: it has no maxLength, and the API server would
        // reject the CRD for exceeding its CEL cost budget.
        assertThat(rules).doesNotContain("matches(");
    }

    @Test
    void userStepsNameAJavaPackageOutsideTheRunnersOwn() throws IOException {
        JsonNode steps = version().at("/schema/openAPIV3Schema/properties/spec/properties/runner/properties/steps");
        assertThat(steps.at("/maxItems").asInt()).isEqualTo(8);
        assertThat(steps.at("/x-kubernetes-validations/0/rule").asText()).contains("exists_one(o, o.glue == s.glue)");
        JsonNode glue = steps.at("/items/properties/glue");
        assertThat(glue.at("/maxLength").asInt()).isEqualTo(200);
        Pattern javaPackage = Pattern.compile(glue.at("/pattern").asText());
        assertThat(javaPackage.matcher("com.acme.sit.steps").find()).isTrue();
        assertThat(javaPackage.matcher("com.acme-corp.steps").find()).isFalse();
        assertThat(javaPackage.matcher("com..acme").find()).isFalse();
        assertThat(glue.at("/x-kubernetes-validations/0/rule").asText())
                .isEqualTo("self != 'io.dataops.sit.runner' && !self.startsWith('io.dataops.sit.runner.') "
                        + "&& !'io.dataops.sit.runner'.startsWith(self + '.')");
        assertThat(steps.at("/items/required").toString()).contains("glue", "jar");
        assertThat(steps.at("/items/properties/jar/required").toString()).contains("configMapRef");
        assertThat(steps.at("/items/properties/local/properties/jar/type").asText())
                .isEqualTo("string");
    }

    @Test
    void systemEnvMayNotReadTheOperatorsObjects() throws IOException {
        JsonNode system = version().at("/schema/openAPIV3Schema/properties/spec/properties/systems/items");
        assertThat(system.at("/properties/env/x-kubernetes-validations").toString())
                .contains("secretKeyRef.name.startsWith('sit-')", "size(e.value) == 0")
                .doesNotContain("JAVA_TOOL_OPTIONS");
        assertThat(system.at("/properties/image/pattern").asText()).isEqualTo("^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$");
        assertThat(system.at("/properties/image/minLength").asInt()).isEqualTo(1);
    }

    @Test
    void everyConfigMapReferenceRefusesTheReservedPrefix() throws IOException {
        JsonNode spec = version().at("/schema/openAPIV3Schema/properties/spec");
        List<String> refs = new ArrayList<>();
        collectConfigMapRefs("spec", spec, refs);
        // The features ConfigMap, a user steps' jar, the sql and csv seed sources, the dataset manifest and a schema
        // check's file.
        assertThat(refs)
                .hasSize(6)
                .allSatisfy(r -> assertThat(r).contains("!self.name.startsWith('sit-')", "'kube-root-ca.crt'"));
        assertThat(refs)
                .filteredOn(r -> r.startsWith("spec.databases."))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r).contains("self.key != '..'"));
    }

    @Test
    void valuesThatCanNeverRunAreRefused() throws IOException {
        JsonNode openApi = version().at("/schema/openAPIV3Schema");
        assertThat(openApi.at("/x-kubernetes-validations/0/rule").asText()).isEqualTo("has(self.spec)");
        JsonNode spec = openApi.at("/properties/spec");
        assertThat(spec.at("/properties/runner/properties/image/minLength").asInt())
                .isEqualTo(1);
        assertThat(spec.at("/properties/runner/properties/tags/minLength").asInt())
                .isEqualTo(1);
        assertThat(spec.at("/properties/databases/items/properties/postgres/properties/image/minLength")
                        .asInt())
                .isEqualTo(1);
        assertThat(spec.at("/properties/brokers/items/properties/kafka/properties/image/minLength")
                        .asInt())
                .isEqualTo(1);
        assertThat(spec.at("/properties/databases/items/properties/checks/items/properties/sql/minLength")
                        .asInt())
                .isEqualTo(1);
        // Bounded durations: at most four parts of nine digits, nothing that overflows a Duration or an Instant.
        for (String path : List.of(
                "/properties/timeout",
                "/properties/keepOnFailureFor",
                "/properties/phaseTimeouts/properties/provisioning",
                "/properties/phaseTimeouts/properties/seeding",
                "/properties/phaseTimeouts/properties/testing")) {
            assertThat(spec.at(path + "/pattern").asText()).as(path).isEqualTo("^([0-9]{1,9}(ms|s|m|h)){1,4}$");
            assertThat(spec.at(path + "/x-kubernetes-validations/0/rule").asText())
                    .as(path)
                    .isEqualTo("duration(self) <= duration('87840h')");
        }
    }

    private static void collectConfigMapRefs(String path, JsonNode schema, List<String> out) {
        JsonNode properties = schema.has("items") ? schema.get("items").get("properties") : schema.get("properties");
        if (properties == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            if (field.getKey().equals("configMapRef")) {
                out.add(path + "." + field.getKey() + " " + field.getValue().at("/x-kubernetes-validations"));
            } else {
                collectConfigMapRefs(path + "." + field.getKey(), field.getValue(), out);
            }
        }
    }

    @Test
    void numericBoundsHaveNoExponentThatYaml11ReadsAsAString() throws IOException {
        // "3.1536E7" is a float to Jackson and Go's YAML, but a string to strict YAML 1.1 resolvers (PyYAML).
        assertThat(Files.readAllLines(GENERATED))
                .filteredOn(l -> l.matches("\\s*(maximum|minimum|maxLength|minLength|maxItems|maxProperties):.*"))
                .noneMatch(l -> l.matches(".*[0-9][eE][0-9].*"));
    }

    private static JsonNode crd() throws IOException {
        return new YAMLMapper().readTree(Files.readString(GENERATED));
    }

    private static JsonNode version() throws IOException {
        return crd().at("/spec/versions/0");
    }

    private static void collectUndocumented(String path, JsonNode schema, List<String> out) {
        if (schema.has("items")) {
            collectUndocumented(path + "[]", schema.get("items"), out);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectUndocumented(path + "{}", schema.get("additionalProperties"), out);
        }
        for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
            String fieldPath = path + "." + field.getKey();
            if (field.getValue().path("description").asText().isBlank()) {
                out.add(fieldPath);
            }
            collectUndocumented(fieldPath, field.getValue(), out);
        }
    }
}
