package io.dataops.sit.operator.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real log source against an API server that answers only what the test expects. */
@EnableKubernetesMockClient
class LogSourceTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void asksPodsLogOnceForTheBoundedTailAndNothingElse() throws Exception {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/sit-run-a/pods/sit-runner-x/log?container=runner&tailLines=40"
                        + "&limitBytes=4096&previous=true")
                .andReturn(200, "line 1\nline 2\n")
                .once();
        int before = server.getRequestCount();

        try (InputStream log = LogSource.of(client, "sit-run-a").open("sit-runner-x", "runner", true, 40, 4096)) {
            assertThat(new String(log.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2\n");
        }
        // fabric8's getLogInputStream() first LISTs and WATCHes the pod to wait for it: no such requests here.
        assertThat(server.getRequestCount() - before).isEqualTo(1);
    }

    @Test
    void aFailedReadFailsOnceWithTheStatusAndIsNotRetriedByTheClient() {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/sit-run-a/pods/broker-0/log?container=kafka&tailLines=40&limitBytes=4096")
                .andReturn(500, "{\"message\":\"kubelet did not answer\"}")
                .always();
        int before = server.getRequestCount();

        assertThatThrownBy(() -> LogSource.of(client, "sit-run-a").open("broker-0", "kafka", false, 40, 4096))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(500))
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("kubelet did not answer");
        // The collector retries within its deadline; the client's own exponential retries would add ten more.
        assertThat(server.getRequestCount() - before).isEqualTo(1);
    }
}
