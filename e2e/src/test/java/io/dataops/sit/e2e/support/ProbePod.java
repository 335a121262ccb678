package io.dataops.sit.e2e.support;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A short-lived pod on the real node that tries TCP connections and prints REACHED or BLOCKED per target: how
 * the tests see what NetworkPolicy lets through. It runs the runner image (bash's /dev/tcp, no extra tools)
 * under the restricted Pod Security profile.
 */
public final class ProbePod {

    private static final String IMAGE = "ghcr.io/dataops-sit/sit-runner:0.1.0";

    private ProbePod() {}

    /** Runs the probe in {@code namespace} with {@code labels}; returns its log: one "host:port REACHED|BLOCKED" line each. */
    public static String connect(
            Kubectl kubectl, String namespace, String name, Map<String, String> labels, String... hostPorts) {
        StringBuilder script = new StringBuilder();
        for (String target : hostPorts) {
            String[] hp = target.split(":");
            script.append("if timeout 5 bash -c 'exec 3<>/dev/tcp/")
                    .append(hp[0])
                    .append('/')
                    .append(hp[1])
                    .append("' 2>/dev/null; then echo '")
                    .append(target)
                    .append(" REACHED'; else echo '")
                    .append(target)
                    .append(" BLOCKED'; fi\n");
        }
        String labelYaml = labels.entrySet().stream()
                .map(e -> "    " + e.getKey() + ": \"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n"));
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels:
                %s
                spec:
                  restartPolicy: Never
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 10001
                    seccompProfile: { type: RuntimeDefault }
                  containers:
                  - name: probe
                    image: %s
                    imagePullPolicy: IfNotPresent
                    command: [bash, -c, %s]
                    resources: { requests: { cpu: 10m, memory: 32Mi }, limits: { cpu: 200m, memory: 64Mi } }
                    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
                """.formatted(name, labelYaml.isEmpty() ? "    {}" : labelYaml, IMAGE, json(script.toString()));
        kubectl.ok("delete", "pod", name, "-n", namespace, "--ignore-not-found", "--wait=true");
        kubectl.apply(namespace, yaml);
        Awaitility.await("probe " + namespace + "/" + name + " done")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    String phase = kubectl.ok("get", "pod", name, "-n", namespace, "-o", "jsonpath={.status.phase}");
                    return phase.equals("Succeeded") || phase.equals("Failed");
                });
        return kubectl.ok("logs", name, "-n", namespace);
    }

    private static String json(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
