package io.dataops.sit.runner.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-document YAML file as {@code kubectl apply -f} takes it: exactly one SitRun plus any number of
 * ConfigMaps (features, fixtures) and Secrets (what {@code env[].valueFrom.secretKeyRef} reads, e.g. an API token)
 * that local mode uses instead of a cluster's. Other kinds are ignored.
 */
public record SitRunFile(Path file, SitRun sitRun, Map<String, ConfigMap> configMaps, Map<String, Secret> secrets) {

    /** Bad input: no file, not YAML, no or several SitRuns. */
    public static final class InvalidSitRunFileException extends Exception {
        public InvalidSitRunFileException(String message) {
            super(message);
        }
    }

    public static SitRunFile read(Path file) throws InvalidSitRunFileException {
        List<JsonNode> documents = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    documents.add(doc);
                }
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new InvalidSitRunFileException("no such file: " + file);
        } catch (IOException e) {
            throw new InvalidSitRunFileException(file + " is not valid YAML: " + e.getMessage());
        }
        ObjectMapper json = Serialization.jsonMapper();
        SitRun sitRun = null;
        Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asText("");
            String apiVersion = doc.path("apiVersion").asText("");
            try {
                if ("SitRun".equals(kind) && apiVersion.startsWith("sit.dataops.io/")) {
                    if (sitRun != null) {
                        throw new InvalidSitRunFileException(
                                file + " holds more than one SitRun; local mode runs one at a time");
                    }
                    sitRun = json.convertValue(doc, SitRun.class);
                } else if ("ConfigMap".equals(kind)) {
                    ConfigMap cm = json.convertValue(doc, ConfigMap.class);
                    if (cm.getMetadata() == null || cm.getMetadata().getName() == null) {
                        throw new InvalidSitRunFileException(file + ": a ConfigMap has no metadata.name");
                    }
                    configMaps.put(cm.getMetadata().getName(), cm);
                } else if ("Secret".equals(kind)) {
                    Secret secret = json.convertValue(doc, Secret.class);
                    if (secret.getMetadata() == null || secret.getMetadata().getName() == null) {
                        throw new InvalidSitRunFileException(file + ": a Secret has no metadata.name");
                    }
                    secrets.put(secret.getMetadata().getName(), secret);
                }
            } catch (IllegalArgumentException e) {
                // a Secret's parse error may quote its values
                throw new InvalidSitRunFileException(file + ": invalid " + kind
                        + ("Secret".equals(kind) ? " (its data must be a map)" : ": " + e.getMessage()));
            }
        }
        if (sitRun == null) {
            throw new InvalidSitRunFileException(
                    file + " holds no SitRun (apiVersion sit.dataops.io/v1alpha1, kind SitRun)");
        }
        if (sitRun.getMetadata() == null || sitRun.getMetadata().getName() == null) {
            throw new InvalidSitRunFileException(file + ": the SitRun has no metadata.name");
        }
        if (sitRun.getSpec() == null
                || sitRun.getSpec().getRunner() == null
                || sitRun.getSpec().getRunner().featuresConfigMapName() == null) {
            throw new InvalidSitRunFileException(file + ": the SitRun has no spec.runner.features.configMapRef.name");
        }
        return new SitRunFile(file, sitRun, configMaps, secrets);
    }

    /** The folder relative paths in the SitRun are resolved against. */
    public Path folder() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
