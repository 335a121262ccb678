package io.dataops.sit.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The files in examples/, read as users apply them, optionally with the SitRun adjusted for a test. */
public final class Examples {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Examples() {}

    public static List<ObjectNode> documents(String file) {
        try (var parser = new YAMLFactory().createParser(Files.readString(Repo.path("examples/" + file)))) {
            List<ObjectNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject()) {
                    docs.add((ObjectNode) doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode sitRun(List<ObjectNode> docs) {
        return docs.stream()
                .filter(d -> "SitRun".equals(d.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no SitRun in the example"));
    }

    /** The example with its SitRun renamed and changed by {@code edit}, as one multi-document YAML. */
    public static String variant(String file, String newName, Consumer<ObjectNode> editSpec) {
        return variant(file, newName, editSpec, doc -> {});
    }

    /** {@link #variant(String, String, Consumer)}, with every other document (the ConfigMaps) passed to {@code editOthers}. */
    public static String variant(
            String file, String newName, Consumer<ObjectNode> editSpec, Consumer<ObjectNode> editOthers) {
        List<ObjectNode> docs = documents(file);
        ObjectNode run = sitRun(docs);
        ((ObjectNode) run.get("metadata")).put("name", newName);
        editSpec.accept((ObjectNode) run.get("spec"));
        docs.stream().filter(d -> d != run).forEach(editOthers);
        StringBuilder out = new StringBuilder();
        for (ObjectNode doc : docs) {
            try {
                out.append("---\n").append(YAML.writeValueAsString(doc).replaceFirst("^---\\n", ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }
}
