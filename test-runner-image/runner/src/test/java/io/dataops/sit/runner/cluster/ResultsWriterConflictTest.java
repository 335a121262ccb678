package io.dataops.sit.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 409 from the API server is retried; the patch touches only the runner key. */
@EnableKubernetesMockClient
class ResultsWriterConflictTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @Test
    void conflictIsRetried() throws Exception {
        String path = "/api/v1/namespaces/ns1/configmaps/" + RunContract.RESULTS_CONFIGMAP;
        // fabric8 reads the object before patching it (the Role grants get and patch on sit-results).
        server.expect()
                .get()
                .withPath(path)
                .andReturn(
                        200,
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(RunContract.RESULTS_CONFIGMAP)
                                .endMetadata()
                                .build())
                .always();
        server.expect()
                .patch()
                .withPath(path)
                .andReturn(
                        409,
                        new StatusBuilder().withCode(409).withReason("Conflict").build())
                .once();
        server.expect()
                .patch()
                .withPath(path)
                .andReturn(
                        200,
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(RunContract.RESULTS_CONFIGMAP)
                                .endMetadata()
                                .build())
                .once();

        new ResultsWriter(client, "ns1").write(RunContract.RUNNER_RESULT_KEY, "{\"outcome\":\"Passed\"}");

        List<RecordedRequest> patches = new ArrayList<>();
        for (int i = server.getRequestCount(); i > 0; i--) {
            var request = server.takeRequest();
            if (request.getMethod().equals("PATCH")) {
                patches.add(request);
            }
        }
        assertThat(patches).hasSize(2);
        var second = patches.get(1);
        assertThat(second.getHeader("Content-Type")).contains("merge-patch");
        assertThat(second.getBody().readUtf8())
                .isEqualTo("{\"data\":{\"runner.json\":\"{\\\"outcome\\\":\\\"Passed\\\"}\"}}");
    }
}
