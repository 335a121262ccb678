package io.dataops.sit.runner.steps;

import io.cucumber.java.en.When;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.runner.env.RunEnvironment;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Orchestration: starting the system under test and waiting for it to finish. What "started" means
 * depends on where the runner is and what the name is — see docs/steps.md.
 */
public class JobSteps {

    /** A job this scenario started; "finished processing" waits for it. */
    record StartedJob(String kind, String name, String runId) {}

    private final ScenarioWorld world;
    private final RunContext run;

    public JobSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @When(StepTexts.JOB_STARTED)
    public void jobStarted(String kind, String name) {
        RunEnvironment env = run.env();
        if (name.startsWith("http://") || name.startsWith("https://")) {
            callHttp(name);
            world.startedJobs.add(new StartedJob("http", name, null));
            return;
        }
        String glueEndpoint = run.settings().glueEndpoint();
        if (isGlue(kind) && (glueEndpoint != null || env.awsCredentialsFile().isPresent())) {
            world.startedJobs.add(startGlue(name, glueEndpoint, env.awsCredentialsFile()));
            return;
        }
        if (env.kubernetesNamespace().isPresent()) {
            world.startedJobs.add(startInCluster(env.kubernetesNamespace().get(), name));
            return;
        }
        System.err.println("    " + kind + " job '" + name + "': no cluster, URL or Glue endpoint here; treating it as "
                + "already running (local mode starts the SitRun's systems itself)");
    }

    /** "glue", "the glue", "AWS Glue": the last word of the kind names the service. */
    static boolean isGlue(String kind) {
        String[] words = kind.strip().toLowerCase(Locale.ROOT).split("\\s+");
        return words[words.length - 1].equals("glue");
    }

    @When(StepTexts.FINISHED_PROCESSING)
    public void finishedProcessing() {
        waitForProcessing(run.settings().processingTimeout());
    }

    @When(StepTexts.FINISHED_PROCESSING_WITHIN)
    public void finishedProcessingWithin(long seconds) {
        waitForProcessing(Duration.ofSeconds(seconds));
    }

    private void waitForProcessing(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (StartedJob job : world.startedJobs) {
            switch (job.kind()) {
                case "glue" -> awaitGlue(job, deadline);
                default -> {} // deployments and HTTP triggers run on: the Kafka settle check below covers them
            }
        }
        RunEnvironment env = run.env();
        if (env.brokers().isEmpty()) {
            return;
        }
        // Settle every broker this scenario published to (the first broker when it published nothing).
        Map<String, List<String>> topicsByBootstrap = new LinkedHashMap<>();
        for (String written : world.publishedTopics) {
            TopicRef ref = TopicRef.parse(written);
            topicsByBootstrap
                    .computeIfAbsent(ref.bootstrap(run), b -> new ArrayList<>())
                    .add(ref.topic());
        }
        if (topicsByBootstrap.isEmpty()) {
            topicsByBootstrap.put(env.bootstrapServers(null), List.of());
        }
        Instant processingSince = world.lastPublishedAt == null ? Instant.now() : world.lastPublishedAt;
        boolean settled = true;
        for (Map.Entry<String, List<String>> broker : topicsByBootstrap.entrySet()) {
            Duration left = Duration.between(Instant.now(), deadline);
            settled &= !left.isNegative()
                    && KafkaIo.awaitSettled(
                            broker.getKey(),
                            broker.getValue(),
                            world.endsBeforePublishing.get(broker.getKey()),
                            processingSince,
                            left,
                            !world.startedJobs.isEmpty(),
                            run.settings());
        }
        if (!settled) {
            throw new AssertionError(
                    "processing did not settle within " + timeout.toSeconds() + "s: topics kept changing, "
                            + "or no consumer read " + world.publishedTopics + " or did not catch up");
        }
    }

    private static void callHttp(String url) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("starting " + Redaction.redact(url) + " returned HTTP " + response.statusCode()
                        + ": " + abbreviate(response.body()));
            }
            System.err.println("    POST " + Redaction.redact(url) + " -> " + response.statusCode());
        } catch (IOException e) {
            throw new StepError(
                    RunReason.JOB_NOT_FOUND,
                    "cannot reach " + Redaction.redact(url) + ": " + Redaction.redact(e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static StartedJob startGlue(String name, String endpoint, Optional<Path> credentialsFile) {
        String region = Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1");
        try {
            String runId = new GlueClient(region, endpoint, credentialsFile).startJobRun(name);
            System.err.println("    Glue job " + name + " started, run " + runId);
            return new StartedJob("glue", name, runId);
        } catch (IOException e) {
            throw new StepError(RunReason.JOB_NOT_FOUND, "cannot start Glue job " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitGlue(StartedJob job, Instant deadline) {
        GlueClient glue = new GlueClient(
                Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1"),
                run.settings().glueEndpoint(),
                run.env().awsCredentialsFile());
        try {
            while (Instant.now().isBefore(deadline)) {
                String state = glue.jobRunState(job.name(), job.runId());
                switch (state) {
                    case "SUCCEEDED" -> {
                        return;
                    }
                    case "FAILED", "TIMEOUT", "STOPPED", "ERROR" ->
                        throw new AssertionError("Glue job " + job.name() + " run " + job.runId() + " ended " + state);
                    default -> Thread.sleep(2000);
                }
            }
        } catch (IOException e) {
            throw new StepError(
                    RunReason.JOB_NOT_FOUND, "cannot follow Glue job " + job.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("Glue job " + job.name() + " run " + job.runId() + " did not finish in time");
    }

    /**
     * Scales the run's system Deployment to at least one replica and waits until one is ready. Only Deployments:
     * a run namespace holds nothing else a tenant could mean (the operator creates it, and systems are
     * Deployments), and the runner's Role grants no more than get on the run's own system Deployments and their
     * scale subresource, by name. Readiness is polled with GETs, which those name-pinned rights allow (a watch
     * would need list and watch).
     */
    private StartedJob startInCluster(String namespace, String name) {
        String k8sName = name.toLowerCase(Locale.ROOT).replace('_', '-');
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            var resource = client.apps().deployments().inNamespace(namespace).withName(k8sName);
            Deployment deployment = getSystem(resource::get, namespace, k8sName);
            Integer replicas = deployment.getSpec().getReplicas();
            if (replicas == null || replicas < 1) {
                resource.scale(1);
            }
            awaitReady(resource::get, k8sName, run.settings().processingTimeout());
            System.err.println("    deployment " + k8sName + " is running");
            return new StartedJob("deployment", k8sName, null);
        }
    }

    /** The Deployment of that name; a refusal or absence means the run has no such system. */
    static Deployment getSystem(Supplier<Deployment> get, String namespace, String name) {
        Deployment deployment;
        try {
            deployment = get.get();
        } catch (KubernetesClientException e) {
            // 403: the runner may only read the run's own systems, so any other name is refused, not missing.
            if (e.getCode() != 403) {
                throw e;
            }
            deployment = null;
        }
        if (deployment == null) {
            throw new StepError(
                    RunReason.JOB_NOT_FOUND,
                    "no system (Deployment) named '" + name + "' in namespace " + namespace
                            + "; the job started step starts one of the SitRun's spec.systems");
        }
        return deployment;
    }

    /** Polls until at least one replica is ready (and the controller has seen the latest spec). */
    static void awaitReady(Supplier<Deployment> get, String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                Deployment d = get.get();
                var status = d == null ? null : d.getStatus();
                if (status != null
                        && status.getReadyReplicas() != null
                        && status.getReadyReplicas() >= 1
                        && (status.getObservedGeneration() == null
                                || d.getMetadata().getGeneration() == null
                                || status.getObservedGeneration()
                                        >= d.getMetadata().getGeneration())) {
                    return;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new AssertionError("deployment " + name + " had no ready replica within " + timeout.toSeconds() + "s");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }
}
