package io.dataops.sit.kubectl;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.report.Reports;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What kubectl sit run does once its options are parsed; rerun --wait reuses the follow-and-report part. */
final class RunFlow {

    static final String FIELD_MANAGER = "kubectl-sit";

    private Kube kube;
    private final PrintWriter out;
    private final PrintWriter err;

    RunFlow(Kube kube, PrintWriter out, PrintWriter err) {
        this.kube = kube;
        this.out = out;
        this.err = err;
    }

    int run(
            String file,
            boolean waitForEnd,
            Duration timeout,
            Duration reportTimeout,
            String junit,
            String json,
            String html)
            throws InterruptedException {
        List<HasMetadata> items = load(file);
        List<HasMetadata> sitRuns =
                items.stream().filter(i -> SitRun.KIND.equals(i.getKind())).toList();
        if (sitRuns.size() != 1) {
            throw new UserError(file + " holds " + sitRuns.size() + " SitRuns; kubectl sit run takes exactly one");
        }
        HasMetadata sitRun = sitRuns.get(0);
        String name = sitRun.getMetadata().getName();
        String fileNamespace = sitRun.getMetadata().getNamespace();
        if (fileNamespace != null && !kube.namespaceGiven()) {
            kube = kube.inNamespace(fileNamespace);
        }
        for (HasMetadata item : items) {
            String ns = item.getMetadata().getNamespace();
            if (ns != null && !ns.equals(kube.namespace())) {
                // kubectl's rule: the file and -n must agree; silently picking one would watch the wrong run.
                throw new UserError(item.getKind() + "/" + item.getMetadata().getName() + " names namespace " + ns
                        + " but the target namespace is " + kube.namespace() + " (use -n " + ns + ")");
            }
        }
        String token = rerunToken(sitRun);
        SitRun existing =
                kube.sitRuns().inNamespace(kube.namespace()).withName(name).get();
        boolean restarts = false;
        if (existing != null
                && existing.getStatus() != null
                && existing.getStatus().isTerminal()) {
            if (Objects.equals(token, existing.getStatus().getRerunToken())) {
                throw new UserError("sitrun/" + name + " already ended ("
                        + existing.getStatus().getPhase().value() + "); run it again with: kubectl sit rerun " + name
                        + "   (its results: kubectl sit report " + name + ")");
            }
            restarts = true; // a new rerunToken in the file: the operator starts the run again
        }
        for (HasMetadata item : items) {
            apply(item);
            err.println(item.getKind().toLowerCase(Locale.ROOT) + "/"
                    + item.getMetadata().getName() + " applied in namespace " + kube.namespace());
        }
        err.flush();
        if (!waitForEnd) {
            return RunContract.EXIT_PASSED;
        }
        return follow(name, timeout, reportTimeout, !restarts, token, junit, json, html);
    }

    /** Follows sitrun/name to its end, prints the table, writes the reports; returns the exit code of the phase. */
    int follow(
            String name,
            Duration timeout,
            Duration reportTimeout,
            boolean anyToken,
            String token,
            String junit,
            String json,
            String html)
            throws InterruptedException {
        RunFollower.Outcome outcome = new RunFollower(kube, name, err).follow(timeout, reportTimeout, anyToken, token);
        if (!outcome.ended()) {
            String phase = outcome.run() == null
                            || outcome.run().getStatus() == null
                            || outcome.run().getStatus().getPhase() == null
                    ? "no phase yet"
                    : "still " + outcome.run().getStatus().getPhase().value();
            String waited = timeout.toString().substring(2).toLowerCase(Locale.ROOT);
            err.println("error: timed out after " + waited + " waiting for sitrun/" + name + " (" + phase
                    + "); it goes on in the cluster: kubectl sit report " + name + " later");
            // CI still gets a report that says what happened: an error, with what status said so far.
            RunnerResult result = outcome.run() == null ? new RunnerResult() : RunReports.fromStatus(outcome.run());
            result.end(
                    Outcome.ERROR,
                    RunReason.TIMEOUT,
                    "kubectl sit stopped waiting after " + waited + " (" + phase + ")");
            RunReports reports = new RunReports(result, null, null, null, false, null);
            out.println();
            out.print(Reports.table(result));
            out.flush();
            if (junit != null) {
                RunReports.write(reports.junitOrBuilt(), junit, out);
            }
            if (json != null) {
                RunReports.write(reports.jsonOrBuilt(), json, out);
            }
            err.flush();
            return RunContract.EXIT_ERROR;
        }
        SitRun run = outcome.run();
        if (run.getStatus().getReport() == null) {
            err.println("warning: sitrun/" + name + " ended but its reports were not published within "
                    + reportTimeout.toSeconds() + "s; reading what is there");
        }
        RunReports reports = RunReports.fetch(kube, run);
        out.println();
        out.print(Reports.table(reports.result()));
        out.flush();
        if (reports.note() != null) {
            err.println("note: " + reports.note());
        }
        if (junit != null) {
            RunReports.write(reports.junitOrBuilt(), junit, out);
        }
        if (json != null) {
            RunReports.write(reports.jsonOrBuilt(), json, out);
        }
        if (html != null) {
            if (reports.html() == null) {
                err.println("warning: no HTML report is kept for sitrun/" + name + "; " + html + " not written");
            } else {
                RunReports.write(reports.html(), html, out);
            }
        }
        err.flush();
        return exitCode(run.getStatus().getPhase());
    }

    static int exitCode(Phase phase) {
        return phase == Phase.SUCCEEDED
                ? RunContract.EXIT_PASSED
                : phase == Phase.FAILED ? RunContract.EXIT_FAILED : RunContract.EXIT_ERROR;
    }

    private List<HasMetadata> load(String file) {
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            List<HasMetadata> items = kube.client().load(in).items();
            return items.stream().filter(Objects::nonNull).toList();
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new UserError(file + " is not Kubernetes YAML: " + e.getMessage(), e);
        }
    }

    private void apply(HasMetadata item) {
        // Server-side apply, as kubectl apply --server-side: creates or updates only the fields the file sets. The
        // SitRun is applied as the file has it (not through the Java model, which would add its defaults), at the
        // SitRun's known path, so no API discovery is needed for a kind the client does not know.
        var resource = SitRun.KIND.equals(item.getKind())
                ? kube.client()
                        .genericKubernetesResources(ResourceDefinitionContext.fromResourceType(SitRun.class))
                        .inNamespace(kube.namespace())
                        .resource(generic(item))
                : kube.client().resource(item).inNamespace(kube.namespace());
        try {
            resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            // An API server that does not create on apply (fabric8's mock server): create it.
            resource.create();
        }
    }

    private String rerunToken(HasMetadata sitRun) {
        SitRunSpec spec = kube.client()
                .getKubernetesSerialization()
                .convertValue(sitRun, SitRun.class)
                .getSpec();
        return spec == null ? null : spec.getRerunToken();
    }

    private GenericKubernetesResource generic(HasMetadata item) {
        return item instanceof GenericKubernetesResource g
                ? g
                : kube.client().getKubernetesSerialization().convertValue(item, GenericKubernetesResource.class);
    }
}
