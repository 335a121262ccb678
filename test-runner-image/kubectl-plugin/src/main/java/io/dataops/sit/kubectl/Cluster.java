package io.dataops.sit.kubectl;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Look-ups completion needs; kept apart from Completer so completing a command name loads no client. */
final class Cluster {

    private Cluster() {}

    static List<String> sitRunNames(String kubeconfig, String context, String namespace) {
        try (Kube kube = Kube.connect(kubeconfig, context, namespace)) {
            return kube.sitRuns().inNamespace(kube.namespace()).list().getItems().stream()
                    .map(r -> r.getMetadata().getName())
                    .toList();
        }
    }

    static List<String> namespaces(String kubeconfig, String context) {
        try (Kube kube = Kube.connect(kubeconfig, context, null)) {
            return kube.client().namespaces().list().getItems().stream()
                    .map(n -> n.getMetadata().getName())
                    .toList();
        }
    }

    static List<String> contexts(String kubeconfig) {
        if (kubeconfig != null) {
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig);
        }
        List<NamedContext> contexts = Config.autoConfigure(null).getContexts();
        return contexts == null
                ? List.of()
                : contexts.stream()
                        .map(NamedContext::getName)
                        .filter(Objects::nonNull)
                        .toList();
    }

    /** Components of the run's live pods, plus the ones every run has, so a finished run still completes. */
    static List<String> components(String kubeconfig, String context, String namespace, String sitRun) {
        TreeSet<String> components = new TreeSet<>(Completer.COMPONENTS);
        try (Kube kube = Kube.connect(kubeconfig, context, namespace)) {
            SitRun run = kube.sitRuns()
                    .inNamespace(kube.namespace())
                    .withName(sitRun)
                    .get();
            String runNamespace = run == null || run.getStatus() == null
                    ? null
                    : run.getStatus().getNamespace();
            if (runNamespace != null) {
                kube.client().pods().inNamespace(runNamespace).withLabel(Labels.COMPONENT).list().getItems().stream()
                        .map(p -> p.getMetadata().getLabels().get(Labels.COMPONENT))
                        .filter(Objects::nonNull)
                        .forEach(components::add);
            }
        } catch (RuntimeException e) {
            // the static list is still a good answer
        }
        return new ArrayList<>(components);
    }
}
