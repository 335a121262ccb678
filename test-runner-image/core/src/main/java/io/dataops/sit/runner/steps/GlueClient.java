package io.dataops.sit.runner.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.api.RunReason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Minimal AWS Glue client (StartJobRun, GetJobRun) over the JSON protocol, signed with SigV4 using the
 * run's credentials: <em>only</em> the STS credentials file the operator mounts (AWS_SHARED_CREDENTIALS_FILE,
 * profile default), re-read on every call because the operator refreshes it in place. The SDK's default
 * credentials chain is never used: in a cluster it would fall back to the node's instance profile and sign a
 * tenant's requests with the node's identity (issue 8).
 *
 * <p>Without a credentials file (no spec.aws) a call fails with a clear message, except against a loopback
 * endpoint (SIT_GLUE_ENDPOINT=http://127.0.0.1:..., a local stub for tests and laptops), which is signed with
 * fixed, obviously fake credentials that no AWS account accepts.
 * Avoids pulling the whole Glue SDK into the image for two calls.
 */
final class GlueClient {

    /** What a loopback stub gets without a credentials file: fake, and never sent off the machine. */
    static final AwsCredentials STUB_CREDENTIALS =
            AwsBasicCredentials.create("SITLOCALSTUBKEY", "sit-local-stub-no-secret");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String region;
    private final URI endpoint;
    private final Optional<Path> credentialsFile;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    GlueClient(String region, String endpointOverride, Optional<Path> credentialsFile) {
        this.region = region;
        this.endpoint =
                URI.create(endpointOverride != null ? endpointOverride : "https://glue." + region + ".amazonaws.com/");
        this.credentialsFile = credentialsFile;
    }

    /** The mounted credentials, stub credentials for a loopback endpoint, or a clear error. */
    AwsCredentials credentials() {
        if (credentialsFile.isPresent()) {
            ProfileFile file = ProfileFile.builder()
                    .content(credentialsFile.get())
                    .type(ProfileFile.Type.CREDENTIALS)
                    .build();
            try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder()
                    .profileFile(file)
                    .profileName("default")
                    .build()) {
                return provider.resolveCredentials();
            }
        }
        if (isLoopback(endpoint)) {
            return STUB_CREDENTIALS;
        }
        throw new StepError(
                RunReason.BAD_INPUT,
                "Glue steps need AWS credentials from spec.aws (the run has no "
                        + "credentials file); the runner never uses the pod's or node's default AWS credentials");
    }

    /** localhost or a literal loopback address; other host names are not even resolved. */
    static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    String startJobRun(String jobName) throws IOException, InterruptedException {
        return call("StartJobRun", Map.of("JobName", jobName)).path("JobRunId").asText();
    }

    /** The run's JobRunState, e.g. RUNNING, SUCCEEDED, FAILED, TIMEOUT, STOPPED, ERROR. */
    String jobRunState(String jobName, String runId) throws IOException, InterruptedException {
        return call("GetJobRun", Map.of("JobName", jobName, "RunId", runId))
                .path("JobRun")
                .path("JobRunState")
                .asText();
    }

    private JsonNode call(String operation, Map<String, Object> body) throws IOException, InterruptedException {
        byte[] payload = JSON.writeValueAsBytes(body);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSGlue." + operation)
                .build();
        AwsCredentials credentials = credentials();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        HttpResponse<String> response =
                http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Glue " + operation + " returned HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return JSON.readTree(response.body());
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 512 ? text : text.substring(0, 512) + "...";
    }
}
