package io.dataops.sit.operator.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the dashboard and the alerts may use: the operator's (the issue-11 contract, deploy/README.md)
 * and java-operator-sdk's. A query on a name nobody exports shows "No data" forever and an alert on it never
 * fires, which no Grafana or promtool check reports; so the monitoring files are held to this list.
 */
final class SitMetricNames {

    /** Micrometer counters: exported with _total. */
    private static final List<String> COUNTERS =
            List.of("sit_runs_total", "sit_orphans_swept_total", "sit_cleanup_failures_total");

    /** Micrometer timers with a percentile histogram: _bucket, _count, _sum and Micrometer's _max. */
    private static final List<String> HISTOGRAMS = List.of(
            "sit_phase_duration_seconds",
            "sit_queue_wait_seconds",
            "sit_time_to_ready_seconds",
            "sit_time_to_result_seconds");

    private static final List<String> GAUGES = List.of(
            "sit_runs_active",
            "sit_queue_length",
            "sit_phase_age_max_seconds",
            "sit_environments_kept",
            "sit_orphan_namespaces",
            "sit_namespaces_stuck_terminating");

    /**
     * java-operator-sdk 5.2 MicrometerMetrics (io.javaoperatorsdk:micrometer-support, which quarkus-operator-sdk
     * registers with quarkus-micrometer): counters operator.sdk.reconciliations.{success,failed} and
     * operator.sdk.controllers.execution.reconcile.{success,failure} (JosdkMetricNamesTest scrapes them from the
     * library), and gauges operator.sdk.reconciliations.{queue.size,executions}.&lt;controller&gt; (controller "sitrun").
     */
    private static final List<String> JOSDK = List.of(
            "operator_sdk_reconciliations_success_total",
            "operator_sdk_reconciliations_failed_total",
            "operator_sdk_controllers_execution_reconcile_success_total",
            "operator_sdk_controllers_execution_reconcile_failure_total",
            "operator_sdk_reconciliations_queue_size_sitrun",
            "operator_sdk_reconciliations_executions_sitrun");

    static final Set<String> ALLOWED = allowed();

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** An identifier not followed by "(" (a function) — possessive, so "rate(" does not leave "rat". */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "Inf",
            "NaN",
            "inf",
            "nan");

    private SitMetricNames() {}

    private static Set<String> allowed() {
        Set<String> names = new LinkedHashSet<>(COUNTERS);
        names.addAll(GAUGES);
        names.addAll(JOSDK);
        for (String histogram : HISTOGRAMS) {
            for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
                names.add(histogram + suffix);
            }
        }
        return Set.copyOf(names);
    }

    /**
     * The metric names a PromQL expression selects. Not a PromQL parser (promtool checks the syntax: see
     * PrometheusRulesIT): strings, label matchers, ranges and grouping label lists are removed, then every
     * identifier that is not a function call, keyword or number is a metric name.
     */
    static Set<String> in(String expr) {
        String stripped = STRING.matcher(expr).replaceAll("\"\"");
        stripped = LABEL_MATCHERS.matcher(stripped).replaceAll("");
        stripped = RANGE.matcher(stripped).replaceAll("");
        stripped = LABEL_LIST.matcher(stripped).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifiers = IDENTIFIER.matcher(stripped);
        while (identifiers.find()) {
            if (!KEYWORDS.contains(identifiers.group())) {
                names.add(identifiers.group());
            }
        }
        return names;
    }
}
