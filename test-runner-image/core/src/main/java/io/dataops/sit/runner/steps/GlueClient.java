package io.dataops.sit.runner.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Minimal AWS Glue client (StartJobRun, GetJobRun) over the JSON protocol, signed with SigV4 using the
 * run's credentials (the STS credentials file the operator mounts, via the default provider chain).
 * Avoids pulling the whole Glue SDK into the image for two calls.
 */
final class GlueClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String region;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    GlueClient(String region, String endpointOverride) {
        this.region = region;
        this.endpoint = URI.create(endpointOverride != null ? endpointOverride : "https://glue." + region + ".amazonaws.com/");
    }

    String startJobRun(String jobName) throws IOException, InterruptedException {
        return call("StartJobRun", Map.of("JobName", jobName)).path("JobRunId").asText();
    }

    /** The run's JobRunState, e.g. RUNNING, SUCCEEDED, FAILED, TIMEOUT, STOPPED, ERROR. */
    String jobRunState(String jobName, String runId) throws IOException, InterruptedException {
        return call("GetJobRun", Map.of("JobName", jobName, "RunId", runId)).path("JobRun").path("JobRunState").asText();
    }

    private JsonNode call(String operation, Map<String, Object> body) throws IOException, InterruptedException {
        byte[] payload = JSON.writeValueAsBytes(body);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSGlue." + operation)
                .build();
        AwsCredentials credentials;
        try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
            credentials = provider.resolveCredentials();
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Glue " + operation + " returned HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
