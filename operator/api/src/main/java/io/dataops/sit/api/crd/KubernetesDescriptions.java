package io.dataops.sit.api.crd;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Build step run right after fabric8's CRD generator. Fields of the Kubernetes types the model embeds
 * ({@code EnvVar}, {@code ResourceRequirements}, {@code metav1.Condition}) come out without a description,
 * because fabric8's model classes carry none; CRDs made with controller-gen have them, and {@code kubectl
 * explain} shows them. This step fills each one from upstream's OpenAPI definitions of the pinned Kubernetes
 * version, so the text is upstream's word for word and nobody copies it by hand.
 *
 * <p>The definitions come from {@value #DEFINITIONS}: the part of Kubernetes' {@code api/openapi-spec/swagger.json}
 * the model reaches, committed so the build needs no network (refreshed by {@code KubernetesDescriptionsTest}
 * with {@code -Dsit.k8s.swagger=<swagger.json>}). A field the model describes itself is never overwritten; a
 * field of an embedded type that upstream does not define fails the build.
 *
 * <p>Usage: {@code KubernetesDescriptions <generated crd yaml> <definitions json>} (the CRD is rewritten in place).
 */
public final class KubernetesDescriptions {

    /** Where the committed extract of upstream's definitions lives, relative to operator/api. */
    public static final String DEFINITIONS = "src/crd/kubernetes-definitions.json";

    private static final String FABRIC8_MODEL = "io.fabric8.kubernetes.api.model";
    /** fabric8 keeps core/v1, meta/v1 and the apimachinery value types in one package. */
    private static final List<String> FABRIC8_ROOT_PACKAGE_SOURCES = List.of(
            "io.k8s.api.core.v1.",
            "io.k8s.apimachinery.pkg.apis.meta.v1.",
            "io.k8s.apimachinery.pkg.api.resource.",
            "io.k8s.apimachinery.pkg.util.intstr.");

    private static final String REF_PREFIX = "#/definitions/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode definitions;
    private final List<String> problems = new ArrayList<>();

    private KubernetesDescriptions(JsonNode definitions) {
        this.definitions = definitions;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: KubernetesDescriptions <crd.yaml> <definitions.json>");
        }
        Path crd = Path.of(args[0]);
        JsonNode definitions = JSON.readTree(Path.of(args[1]).toFile()).get("definitions");
        Files.writeString(crd, describe(Files.readString(crd), definitions));
    }

    /** The CRD with every field of an embedded Kubernetes type described from {@code definitions}. */
    public static String describe(String crdYaml, JsonNode definitions) throws IOException {
        JsonNode crd = PrinterColumnOrder.YAML.readTree(crdYaml);
        KubernetesDescriptions step = new KubernetesDescriptions(definitions);
        for (JsonNode version : crd.path("spec").path("versions")) {
            step.walkModel("", version.at("/schema/openAPIV3Schema"), JSON.constructType(SitRun.class));
        }
        if (!step.problems.isEmpty()) {
            throw new IllegalStateException(
                    "cannot describe the embedded Kubernetes types:\n  " + String.join("\n  ", step.problems));
        }
        return PrinterColumnOrder.YAML.writeValueAsString(crd);
    }

    /** Walks the schema along the Java model until it meets a Kubernetes type, then follows upstream's definitions. */
    private void walkModel(String path, JsonNode schema, JavaType type) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            walkModel(path + "[]", schema.get("items"), type.getContentType());
        } else if (type.isMapLikeType()) {
            walkModel(path + "{}", schema.get("additionalProperties"), type.getContentType());
        } else if (isKubernetesModel(type.getRawClass())) {
            String name = definitionName(type.getRawClass(), definitions);
            if (name == null) {
                problems.add(path + ": no upstream definition for "
                        + type.getRawClass().getName());
            } else {
                walkUpstream(path, schema, name);
            }
        } else if (schema.has("properties")) {
            Map<String, JavaType> properties = beanProperties(type);
            schema.get("properties").properties().forEach(field -> {
                JavaType fieldType = properties.get(field.getKey());
                if (fieldType != null) {
                    walkModel(path + "." + field.getKey(), field.getValue(), fieldType);
                }
            });
        }
    }

    private void walkUpstream(String path, JsonNode schema, String definitionName) {
        JsonNode definition = definitions.get(definitionName);
        JsonNode properties = schema == null ? null : schema.get("properties");
        if (properties == null || definition == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : properties.properties()) {
            String fieldPath = path + "." + field.getKey();
            JsonNode upstream = definition.path("properties").get(field.getKey());
            if (upstream == null || !upstream.has("description")) {
                problems.add(fieldPath + ": " + definitionName + " has no described field " + field.getKey());
                continue;
            }
            ObjectNode fieldSchema = (ObjectNode) field.getValue();
            if (!fieldSchema.has("description")) {
                fieldSchema.put("description", upstream.get("description").asText());
                sortKeys(fieldSchema);
            }
            if (upstream.has("$ref")) {
                walkUpstream(fieldPath, fieldSchema, refName(upstream));
            } else if (upstream.path("items").has("$ref")) {
                walkUpstream(fieldPath + "[]", fieldSchema.get("items"), refName(upstream.get("items")));
            } else if (upstream.path("additionalProperties").has("$ref")) {
                walkUpstream(
                        fieldPath + "{}",
                        fieldSchema.get("additionalProperties"),
                        refName(upstream.get("additionalProperties")));
            }
        }
    }

    /** The generator writes keys in alphabetical order; an added description keeps that order. */
    private static void sortKeys(ObjectNode node) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        node.removeAll();
        node.setAll(sorted);
    }

    /**
     * The Kubernetes types the SitRun's spec and status embed, by upstream definition name; {@code swagger}
     * definitions decide which API package a fabric8 class stands for.
     */
    public static Set<String> embeddedDefinitions(JsonNode swaggerDefinitions) {
        Set<Class<?>> found = new LinkedHashSet<>();
        Set<JavaType> seen = new LinkedHashSet<>();
        collectKubernetesTypes(JSON.constructType(SitRunSpec.class), seen, found);
        collectKubernetesTypes(JSON.constructType(SitRunStatus.class), seen, found);
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> type : found) {
            String name = definitionName(type, swaggerDefinitions);
            if (name == null) {
                throw new IllegalStateException("no upstream definition for " + type.getName());
            }
            names.add(name);
        }
        return names;
    }

    /** Upstream's definitions of {@code roots} and of every type they reach. */
    public static ObjectNode extract(JsonNode swaggerDefinitions, Set<String> roots) {
        Map<String, JsonNode> reachable = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            JsonNode definition = swaggerDefinitions.get(name);
            if (reachable.containsKey(name) || definition == null) {
                continue;
            }
            reachable.put(name, definition);
            definition
                    .findValues("$ref")
                    .forEach(ref -> pending.push(ref.asText().substring(REF_PREFIX.length())));
        }
        ObjectNode out = JSON.createObjectNode();
        reachable.forEach(out::set);
        return out;
    }

    private static String refName(JsonNode node) {
        return node.get("$ref").asText().substring(REF_PREFIX.length());
    }

    private static void collectKubernetesTypes(JavaType type, Set<JavaType> seen, Set<Class<?>> found) {
        if (!seen.add(type)) {
            return;
        }
        if (type.isCollectionLikeType() || type.isArrayType() || type.isMapLikeType()) {
            collectKubernetesTypes(type.getContentType(), seen, found);
        } else if (isKubernetesModel(type.getRawClass())) {
            found.add(type.getRawClass());
        } else if (type.getRawClass().getPackageName().startsWith(SitRun.class.getPackageName())) {
            beanProperties(type).values().forEach(t -> collectKubernetesTypes(t, seen, found));
        }
    }

    private static Map<String, JavaType> beanProperties(JavaType type) {
        BeanDescription bean = JSON.getSerializationConfig().introspect(type);
        Map<String, JavaType> properties = new HashMap<>();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            properties.put(property.getName(), property.getPrimaryType());
        }
        return properties;
    }

    private static boolean isKubernetesModel(Class<?> type) {
        return type.getPackageName().startsWith(FABRIC8_MODEL);
    }

    /**
     * fabric8 names its classes after upstream's types: {@code io.fabric8.kubernetes.api.model.EnvVar} is
     * {@code io.k8s.api.core.v1.EnvVar}, {@code ...model.batch.v1.Job} is {@code io.k8s.api.batch.v1.Job}.
     */
    static String definitionName(Class<?> type, JsonNode definitions) {
        String subPackage = type.getPackageName().substring(FABRIC8_MODEL.length());
        List<String> sources =
                subPackage.isEmpty() ? FABRIC8_ROOT_PACKAGE_SOURCES : List.of("io.k8s.api" + subPackage + ".");
        return sources.stream()
                .map(source -> source + type.getSimpleName())
                .filter(definitions::has)
                .findFirst()
                .orElse(null);
    }
}
