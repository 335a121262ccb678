package io.dataops.sit.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Paths of the generated and checked-in install files, and a multi-document YAML reader. */
final class DeployFiles {

    static final String REFRESH_HINT = "refresh the checked-in copy with: deploy/refresh.sh "
            + "(builds operator/controller with package -DskipTests, then copies target/kubernetes and target/helm)";

    /** Failsafe runs in the module directory, operator/controller. */
    static final Path MODULE = Path.of("").toAbsolutePath();

    static final Path ROOT = MODULE.getParent().getParent();
    static final Path GENERATED_MANIFEST = MODULE.resolve("target/kubernetes/kubernetes.yml");
    static final Path GENERATED_CHART = MODULE.resolve("target/helm/kubernetes/sit-operator");
    static final Path INSTALL_MANIFEST = ROOT.resolve("deploy/operator.yaml");
    static final Path CHECKED_IN_CHART = ROOT.resolve("deploy/helm/sit-operator");
    /** Chart templates of our own next to quarkus-helm's input; quarkus-helm copies only the _helpers there. */
    static final Path CHART_TEMPLATE_SOURCES = MODULE.resolve("src/main/helm/templates");

    static final Path ALERTING_RULES = ROOT.resolve("deploy/prometheus/sit-operator-rules.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DeployFiles() {}

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(Files.readString(file))) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /** The container securityContext deploy/refresh.sh adds after the operator container's imagePullPolicy line. */
    static final String HARDENING = """
                      securityContext:
                        allowPrivilegeEscalation: false
                        capabilities:
                          drop:
                            - ALL
                        readOnlyRootFilesystem: true
                        runAsNonRoot: true
                        seccompProfile:
                          type: RuntimeDefault
            """;

    /** What deploy/refresh.sh's harden() does to a generated Deployment (quarkus-kubernetes has no key for it). */
    static String harden(String generated) {
        StringBuilder out = new StringBuilder();
        for (String line : generated.split("\n", -1)) {
            out.append(line).append('\n');
            if (line.startsWith("          imagePullPolicy: ")) {
                out.append(HARDENING);
            }
        }
        return out.substring(0, out.length() - 1);
    }

    /**
     * What deploy/refresh.sh adds to the generated chart, as chart path -> source: the templates of
     * {@link #CHART_TEMPLATE_SOURCES} but the _helpers (ServiceMonitor, PrometheusRule), and files/ with the alerting
     * rules the PrometheusRule template reads (one source of truth: deploy/prometheus/).
     */
    static Map<String, Path> chartAdditions() throws IOException {
        Map<String, Path> additions = new TreeMap<>();
        try (Stream<Path> templates = Files.list(CHART_TEMPLATE_SOURCES)) {
            templates
                    .filter(t -> t.getFileName().toString().endsWith(".yaml"))
                    .filter(t -> !t.getFileName().toString().startsWith("_"))
                    .forEach(t -> additions.put("templates/" + t.getFileName(), t));
        }
        additions.put("files/" + ALERTING_RULES.getFileName(), ALERTING_RULES);
        return additions;
    }

    static List<JsonNode> documents(String text) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(text)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    static String kind(JsonNode document) {
        return document.path("kind").asText();
    }
}
