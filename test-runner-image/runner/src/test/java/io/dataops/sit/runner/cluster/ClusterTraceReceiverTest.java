package io.dataops.sit.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.runner.trace.FlowTraces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster runner's trace receiver: on by default, off on request, and a taken port does not stop the run. */
class ClusterTraceReceiverTest {

    @Test
    void theReceiverListensOnTheConfiguredPortOrStaysOff() throws Exception {
        try (FlowTraces traces = ClusterRunCommand.receiveTraces(Map.of(ClusterRunCommand.ENV_TRACES_PORT, "0"));
                HttpClient client = HttpClient.newHttpClient()) {
            assertThat(traces).isNotNull();
            HttpResponse<String> get = client.send(
                    HttpRequest.newBuilder(URI.create(traces.loopbackEndpoint() + "/v1/traces"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);

            String taken = String.valueOf(traces.port());
            assertThat(ClusterRunCommand.receiveTraces(Map.of(ClusterRunCommand.ENV_TRACES_PORT, taken)))
                    .isNull();
        }
        assertThat(ClusterRunCommand.receiveTraces(Map.of(ClusterRunCommand.ENV_TRACES_PORT, "off")))
                .isNull();
    }
}
