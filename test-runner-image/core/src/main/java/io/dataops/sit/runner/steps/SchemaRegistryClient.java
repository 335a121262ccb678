package io.dataops.sit.runner.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.api.RunReason;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Registers schemas with the run's Schema Registry through the Confluent-compatible REST API
 * ({@code POST <url>/subjects/<subject>/versions}, which Apicurio serves under /apis/ccompat/v7) and frames
 * payloads in the registry wire format that Confluent-style deserializers read: magic byte 0, the schema id as
 * a 4-byte big-endian int, then the encoded value. One small REST call: the serializer libraries that do the same
 * (Confluent's) are not available to this build, and Apicurio's would bring its whole client into the runner.
 */
final class SchemaRegistryClient {

    static final byte MAGIC_BYTE = 0;
    private static final int HEADER_BYTES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The schema kinds of the Confluent API ("schemaType"). */
    enum SchemaType {
        AVRO,
        JSON
    }

    private final URI baseUrl;
    private final HttpClient http;

    SchemaRegistryClient(String baseUrl) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The TopicNameStrategy subject of a topic's values, as Confluent's serializers name it by default. */
    static String valueSubject(String topic) {
        return topic + "-value";
    }

    /**
     * Registers the schema under the subject (an identical schema registered before gets its existing id) and
     * returns the id the wire format carries. A schema the registry refuses (incompatible with the subject's
     * earlier versions, or invalid) is a {@link RunReason#SCHEMA_MISMATCH}; no answer is
     * {@link RunReason#SCHEMA_REGISTRY_UNREACHABLE}.
     */
    int register(String subject, SchemaType type, String schema) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("schemaType", type.name(), "schema", schema));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        URI uri = baseUrl.resolve("subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StepError(
                    RunReason.SCHEMA_REGISTRY_UNREACHABLE,
                    "the schema registry at " + baseUrl + " did not answer: " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering " + subject, e);
        }
        int status = response.statusCode();
        if (status == 409 || status == 422) {
            throw new StepError(
                    RunReason.SCHEMA_MISMATCH,
                    "the schema registry refused the schema for subject " + subject + " (HTTP " + status + "): "
                            + errorMessage(response.body()));
        }
        if (status / 100 != 2) {
            throw new StepError(
                    RunReason.SCHEMA_REGISTRY_UNREACHABLE,
                    "the schema registry at " + baseUrl + " answered HTTP " + status + " registering subject " + subject
                            + ": " + errorMessage(response.body()));
        }
        try {
            JsonNode id = JSON.readTree(response.body()).get("id");
            if (id == null || !id.canConvertToInt()) {
                throw new StepError(
                        RunReason.SCHEMA_REGISTRY_UNREACHABLE,
                        "the schema registry answered without a schema id: " + response.body());
            }
            return id.intValue();
        } catch (IOException e) {
            throw new StepError(
                    RunReason.SCHEMA_REGISTRY_UNREACHABLE,
                    "the schema registry answered something that is not JSON: " + e.getMessage(),
                    e);
        }
    }

    /** The registry wire format: magic byte 0, the 4-byte big-endian schema id, the payload. */
    static byte[] frame(int schemaId, byte[] payload) {
        return ByteBuffer.allocate(HEADER_BYTES + payload.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(payload)
                .array();
    }

    private static String errorMessage(String body) {
        try {
            JsonNode message = JSON.readTree(body).get("message");
            if (message != null && message.isTextual()) {
                return message.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not the registry's error JSON: show the body as it is
        }
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
