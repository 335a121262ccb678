package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.cleanup.OrphanSweep;
import io.dataops.sit.operator.metrics.RunMetrics;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The metrics README.md documents, read the way Prometheus reads them: a scrape of /q/metrics after runs went through
 * the operator (in-process, against the fabric8 mock server). The names and label sets here are the ones the
 * dashboard and the alerts in deploy/ use.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class MetricsScrapeTest extends TenantRunsTest {

    /** One sample line: name, optional {labels}, value. */
    static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)(\\{[^}]*\\})? (\\S+)$");

    @TestHTTPResource("/q/metrics")
    URL metricsUrl;

    @Inject
    RunMetrics metrics;

    @Inject
    OrphanSweep sweep;

    @Test
    void aScrapeShowsTheFleetTheRunsAndTheSweep() throws Exception {
        String ns = tenantNamespace("metrics");
        apply(ns, "passing", s -> {});
        apply(ns, "failing", s -> s.setKeepOnFailure(true));
        SitRun passing = awaitPhase(ns, "passing", Phase.TESTING);
        SitRun failing = awaitPhase(ns, "failing", Phase.TESTING);

        eventually()
                .untilAsserted(() -> assertThat(value(scrape(), "sit_runs_active", "phase=\"Testing\""))
                        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2)));
        String testing = scrape();
        assertThat(testing)
                .as("JOSDK's meters are per controller, not per SitRun (bounded with 1000 runs)")
                .contains("operator_sdk_")
                .doesNotContain("resource_name=");
        for (String phase : new String[] {"Pending", "Provisioning", "Seeding", "Testing"}) {
            assertThat(value(testing, "sit_runs_active", "phase=\"" + phase + "\""))
                    .as(phase)
                    .isPresent();
        }
        for (String phase : new String[] {"Queued", "Pending", "Provisioning", "Seeding", "Testing"}) {
            assertThat(value(testing, "sit_phase_age_max_seconds", "phase=\"" + phase + "\""))
                    .as(phase)
                    .isPresent();
        }
        assertThat(value(testing, "sit_time_to_ready_seconds_count", ""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));

        cluster().writeRunnerResult(passing.getStatus().getNamespace(), ClusterSimulator.runnerResult(true));
        cluster().markJobSucceeded(passing.getStatus().getNamespace(), Constants.RUNNER_JOB_NAME);
        cluster().writeRunnerResult(failing.getStatus().getNamespace(), ClusterSimulator.runnerResult(false));
        cluster().markJobFailed(failing.getStatus().getNamespace(), Constants.RUNNER_JOB_NAME, "BackoffLimitExceeded");
        awaitPhase(ns, "passing", Phase.SUCCEEDED);
        awaitPhase(ns, "failing", Phase.FAILED);
        metrics.runDequeued(Duration.ofSeconds(75));

        eventually()
                .untilAsserted(() -> assertThat(value(scrape(), "sit_environments_kept", ""))
                        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1)));
        String ended = scrape();
        assertThat(value(ended, "sit_runs_total", "cause=\"none\",outcome=\"Succeeded\",reason=\"AllPassed\""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(ended, "sit_runs_total", "cause=\"test\",outcome=\"Failed\",reason=\"ThresholdsFailed\""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(value(ended, "sit_time_to_result_seconds_count", ""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(value(ended, "sit_phase_duration_seconds_count", "phase=\"Testing\""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(value(ended, "sit_queue_wait_seconds_count", "")).hasValue(1.0);
        assertThat(value(ended, "sit_queue_wait_seconds_sum", "")).hasValue(75.0);
        assertThat(value(ended, "sit_queue_wait_seconds_bucket", "le=\"120.0\""))
                .hasValue(1.0);
        assertThat(value(ended, "sit_queue_wait_seconds_bucket", "le=\"60.0\"")).hasValue(0.0);
        assertThat(value(ended, "sit_queue_length", "")).hasValue(0.0);
        // Registered at start-up: present (at 0 here) before anything happened, so alerts see a series.
        assertThat(value(ended, "sit_cleanup_failures_total", "")).hasValue(0.0);
        assertThat(value(ended, "sit_orphans_swept_total", "")).hasValue(0.0);
        assertThat(value(ended, "sit_namespaces_stuck_terminating", "")).hasValue(0.0);
    }

    @Test
    void theSweepsGaugesAreScraped() throws Exception {
        SitRun gone = new SitRun();
        gone.setMetadata(new ObjectMetaBuilder()
                .withNamespace("metrics-gone")
                .withName("gone")
                .withUid("uid-gone")
                .build());
        gone.setSpec(new SitRunSpec());
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(RunNames.namespace(gone))
                        .withLabels(RunNames.labels(gone, Constants.COMPONENT_NAMESPACE))
                        .endMetadata()
                        .build())
                .create();

        assertThat(sweep.sweep().orphansInGrace()).isGreaterThanOrEqualTo(1);
        assertThat(value(scrape(), "sit_orphan_namespaces", ""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
    }

    String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(toUri(metricsUrl))
                                .header("Accept", "text/plain")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The value of the sample with exactly this name and these labels (in the order Micrometer writes them: sorted, le last). */
    static Optional<Double> value(String scrape, String name, String labels) {
        Map<String, Double> samples = new TreeMap<>();
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            // {a="x",b="y",} in the text format 0.0.4 Quarkus serves by default (no trailing comma in later ones).
            String sampleLabels = m.group(2) == null
                    ? ""
                    : m.group(2).substring(1, m.group(2).length() - 1).replaceAll(",$", "");
            samples.put(m.group(1) + "|" + sampleLabels, Double.parseDouble(m.group(3)));
        }
        return Optional.ofNullable(samples.get(name + "|" + labels));
    }
}
