package io.dataops.sit.operator.evidence;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Where container logs come from: the API server's pods/log, asked for a bounded tail. An interface so tests can fake a huge log. */
@FunctionalInterface
public interface LogSource {

    /**
     * The last {@code tailLines} lines of a container's log ({@code previous}: of its last terminated instance), cut by
     * the API server after {@code limitBytes}. The caller closes the stream.
     */
    InputStream open(String pod, String container, boolean previous, int tailLines, int limitBytes) throws IOException;

    /**
     * pods/log asked directly, not through fabric8's {@code getLogInputStream()}: that first waits for the pod to be
     * ready through a throwaway informer, a LIST and a WATCH per log read of a pod the collector has just listed, and
     * each cancelled watch cost a new TLS connection. Without fabric8's own retries too: the collector retries a read
     * itself, within its deadline.
     */
    static LogSource of(KubernetesClient client, String namespace) {
        HttpClient http = client.getHttpClient()
                .newBuilder()
                .tag(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                        .withRequestRetryBackoffLimit(0)
                        .build())
                .build();
        String logs = URLUtils.join(client.getMasterUrl().toString(), "api", "v1", "namespaces", namespace, "pods");
        return (pod, container, previous, tailLines, limitBytes) -> {
            var url = new URLUtils.URLBuilder(URLUtils.join(logs, pod, "log"))
                    .addQueryParameter("container", container)
                    .addQueryParameter("tailLines", Integer.toString(tailLines))
                    .addQueryParameter("limitBytes", Integer.toString(limitBytes));
            if (previous) {
                url.addQueryParameter("previous", "true");
            }
            CompletableFuture<HttpResponse<InputStream>> answer =
                    http.sendAsync(http.newHttpRequestBuilder().url(url.build()).build(), InputStream.class);
            HttpResponse<InputStream> response;
            try {
                response = answer.get();
            } catch (InterruptedException e) {
                answer.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("log read of " + pod + "/" + container + " interrupted");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause() == null ? e : e.getCause());
            }
            if (!response.isSuccessful()) {
                try (InputStream error = response.body()) {
                    String status = error == null ? "" : new String(error.readNBytes(512), StandardCharsets.UTF_8);
                    throw new KubernetesClientException(
                            "pods/log of " + pod + "/" + container + ": HTTP " + response.code() + " " + status,
                            response.code(),
                            null);
                }
            }
            return response.body();
        };
    }
}
