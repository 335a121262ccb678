package io.dataops.sit.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The java-operator-sdk counters the dashboard queries are the ones its MicrometerMetrics exports, built the way
 * quarkus-operator-sdk builds it (per-resource collecting) on the Prometheus registry the operator uses, and
 * scraped in the Prometheus text format. (The two reconcile-queue gauges are registered per Controller object,
 * which this does not build: their names are operator.sdk.reconciliations.{queue.size,executions}.&lt;controller&gt;.)
 */
class JosdkMetricNamesTest {

    @Test
    void theJosdkCountersOfTheDashboardAreWhatMicrometerMetricsExports() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics metrics = MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry)
                .build();
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName("orders-pr-42")
                .withNamespace("sit-runs")
                .build());
        Map<String, Object> metadata = Map.of(
                Constants.CONTROLLER_NAME, "sitrun", Constants.RESOURCE_GVK_KEY, GroupVersionKind.gvkFor(SitRun.class));

        // (reconcileCustomResource, the "started" counter, needs the Controller registered: not used by the dashboard)
        metrics.finishedReconciliation(run, metadata);
        metrics.failedReconciliation(run, new IllegalStateException("boom"), metadata);
        metrics.timeControllerExecution(execution(run, metadata, false));
        assertThatThrownBy(() -> metrics.timeControllerExecution(execution(run, metadata, true)))
                .hasRootCauseMessage("reconcile failed");

        Set<String> exported = registry.scrape()
                .lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> josdkOnTheDashboard = SitMetricNames.ALLOWED.stream()
                .filter(n -> n.startsWith("operator_sdk_"))
                .filter(n -> !n.endsWith("_sitrun"))
                .collect(Collectors.toSet());
        assertThat(josdkOnTheDashboard).hasSize(4);
        assertThat(exported).containsAll(josdkOnTheDashboard);
    }

    private static Metrics.ControllerExecution<String> execution(
            SitRun run, Map<String, Object> metadata, boolean fails) {
        return new Metrics.ControllerExecution<>() {
            @Override
            public String name() {
                return "reconcile";
            }

            @Override
            public String controllerName() {
                return "sitrun";
            }

            @Override
            public String successTypeName(String result) {
                return "resource";
            }

            @Override
            public ResourceID resourceID() {
                return ResourceID.fromResource(run);
            }

            @Override
            public Map<String, Object> metadata() {
                return metadata;
            }

            @Override
            public String execute() {
                if (fails) {
                    throw new IllegalStateException("reconcile failed");
                }
                return "done";
            }
        };
    }
}
