package io.dataops.sit.kubectl;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cluster one invocation talks to: a client for the kubeconfig context, and the namespace of the SitRuns. */
final class Kube implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final boolean namespaceGiven;

    private Kube(KubernetesClient client, String namespace, boolean namespaceGiven) {
        this.client = client;
        this.namespace = namespace;
        this.namespaceGiven = namespaceGiven;
    }

    /** kubectl's resolution: --kubeconfig, else $KUBECONFIG, else ~/.kube/config; --context, else the current one. */
    static Kube connect(String kubeconfig, String context, String namespace) {
        if (kubeconfig != null) {
            Path file = Path.of(kubeconfig);
            if (!Files.isReadable(file)) {
                throw new UserError("cannot read the kubeconfig " + kubeconfig);
            }
            // fabric8 reads the kubeconfig's location from this property before $KUBECONFIG.
            System.setProperty(
                    Config.KUBERNETES_KUBECONFIG_FILE, file.toAbsolutePath().toString());
        }
        Config config = Config.autoConfigure(context);
        if (context != null
                && (config.getCurrentContext() == null
                        || !context.equals(config.getCurrentContext().getName()))) {
            throw new UserError("context \"" + context + "\" is not in the kubeconfig");
        }
        // A CLI should fail in seconds when the API server is down, not after fabric8's ten retries.
        config.setRequestRetryBackoffLimit(2);
        String effective =
                namespace != null ? namespace : config.getNamespace() != null ? config.getNamespace() : "default";
        return new Kube(new KubernetesClientBuilder().withConfig(config).build(), effective, namespace != null);
    }

    /** For tests: a client made elsewhere (the mock API server's). */
    static Kube of(KubernetesClient client, String namespace) {
        return new Kube(client, namespace, true);
    }

    /** The same cluster, another namespace (the one a file names when -n was not given, as kubectl does). */
    Kube inNamespace(String other) {
        return new Kube(client, other, true);
    }

    KubernetesClient client() {
        return client;
    }

    String namespace() {
        return namespace;
    }

    boolean namespaceGiven() {
        return namespaceGiven;
    }

    MixedOperation<SitRun, KubernetesResourceList<SitRun>, Resource<SitRun>> sitRuns() {
        return client.resources(SitRun.class);
    }

    /** The SitRun, or a one-line error naming what is missing. */
    SitRun sitRun(String name) {
        SitRun run = sitRuns().inNamespace(namespace).withName(name).get();
        if (run == null) {
            throw new UserError("sitrun \"" + name + "\" not found in namespace " + namespace);
        }
        return run;
    }

    ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }

    @Override
    public void close() {
        client.close();
    }
}
