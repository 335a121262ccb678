package io.dataops.sit.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Build step run right after fabric8's CRD generator: that generator sorts printer columns by name
 * (fabric8io/kubernetes-client#7454), so {@code kubectl get sitruns} would print AGE first. This puts
 * them back in the order they are declared on {@link SitRun}. Everything else in the file is kept.
 *
 * <p>Usage: {@code PrinterColumnOrder <generated crd yaml>} (rewritten in place).
 */
public final class PrinterColumnOrder {

    /** Shared with KubernetesDescriptions: both rewrite the generated CRD, and must write it alike. */
    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private PrinterColumnOrder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PrinterColumnOrder <crd.yaml>");
        }
        Path file = Path.of(args[0]);
        Files.writeString(file, reorder(Files.readString(file)));
    }

    static List<String> declaredOrder() {
        return Arrays.stream(SitRun.class.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
    }

    public static String reorder(String crdYaml) throws IOException {
        JsonNode crd = YAML.readTree(crdYaml);
        List<String> order = declaredOrder();
        for (JsonNode version : crd.path("spec").path("versions")) {
            JsonNode columns = version.get("additionalPrinterColumns");
            if (columns == null || !columns.isArray()) {
                continue;
            }
            List<JsonNode> sorted = new ArrayList<>();
            columns.forEach(sorted::add);
            sorted.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
            ArrayNode replacement = YAML.createArrayNode().addAll(sorted);
            ((ObjectNode) version).set("additionalPrinterColumns", replacement);
        }
        return "# Generated from the Java model in operator/api by the build; do not edit by hand.\n"
                + YAML.writeValueAsString(crd);
    }

    private static int rank(List<String> order, JsonNode column) {
        int i = order.indexOf(column.path("name").asText());
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
