package io.dataops.sit.operator.evidence;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.BytesLimitTerminateTimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import java.io.InputStream;

/** Where container logs come from: the API server's pods/log, asked for a bounded tail. An interface so tests can fake a huge log. */
@FunctionalInterface
public interface LogSource {

    /**
     * The last {@code tailLines} lines of a container's log ({@code previous}: of its last terminated instance), cut by
     * the API server after {@code limitBytes}. The caller closes the stream.
     */
    InputStream open(String pod, String container, boolean previous, int tailLines, int limitBytes);

    static LogSource of(KubernetesClient client, String namespace) {
        return (pod, container, previous, tailLines, limitBytes) -> {
            var resource = client.pods().inNamespace(namespace).withName(pod).inContainer(container);
            TimeTailPrettyLoggable bounded;
            if (previous) {
                // fabric8's DSL returns a narrower type after terminated(); its implementation still takes limitBytes.
                TimeTailPrettyLoggable terminated = resource.terminated();
                bounded = terminated instanceof BytesLimitTerminateTimeTailPrettyLoggable limitable
                        ? limitable.limitBytes(limitBytes)
                        : terminated;
            } else {
                bounded = resource.limitBytes(limitBytes);
            }
            return bounded.tailingLines(tailLines).getLogInputStream();
        };
    }
}
