package io.dataops.sit.kubectl;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.evidence.EvidenceBundle;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Logs of a run: live from its namespace, else from the evidence bundle. */
final class Logs {

    private final Kube kube;
    private final PrintWriter out;
    private final PrintWriter err;

    Logs(Kube kube, PrintWriter out, PrintWriter err) {
        this.kube = kube;
        this.out = out;
        this.err = err;
    }

    void print(SitRun run, String component) {
        String runNamespace = run.getStatus() == null ? null : run.getStatus().getNamespace();
        String why;
        if (runNamespace == null) {
            why = "the SitRun has no run namespace in its status";
        } else {
            try {
                List<Pod> pods = pods(runNamespace, component);
                if (!pods.isEmpty()) {
                    pods.forEach(this::printLive);
                    return;
                }
                why = "no pods" + (component == null ? "" : " of component " + component) + " in namespace "
                        + runNamespace;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 403 && e.getCode() != 404) {
                    throw e;
                }
                why = "namespace " + runNamespace + " is " + (e.getCode() == 404 ? "gone" : "not readable");
            }
        }
        Evidence evidence;
        try {
            evidence = Evidence.fetch(kube, run);
        } catch (UserError e) {
            throw new UserError(why + ", and " + e.getMessage());
        }
        List<EvidenceBundle.File> logs = evidence.logs(component);
        if (logs.isEmpty()) {
            throw new UserError(why + ", and the evidence bundle holds no logs"
                    + (component == null ? "" : " of pods named *" + component + "*"));
        }
        err.println("(" + why + "; logs from the evidence bundle " + evidence.configMap() + ")");
        err.flush();
        for (EvidenceBundle.File f : logs) {
            out.println("==> " + f.path() + " <==");
            out.print(new String(f.content(), StandardCharsets.UTF_8));
            out.println();
        }
        out.flush();
    }

    private List<Pod> pods(String runNamespace, String component) {
        var pods = kube.client().pods().inNamespace(runNamespace);
        return (component == null ? pods : pods.withLabel(Labels.COMPONENT, component))
                .list()
                .getItems();
    }

    private void printLive(Pod pod) {
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        containers.addAll(pod.getSpec().getContainers());
        for (Container c : containers) {
            out.println("==> " + pod.getMetadata().getName() + "/" + c.getName() + " <==");
            try {
                out.print(kube.client()
                        .pods()
                        .inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .inContainer(c.getName())
                        .getLog());
            } catch (KubernetesClientException e) {
                out.print("(no log: " + Errors.describe(e) + ")");
            }
            out.println();
            out.flush();
        }
    }
}
