package io.dataops.sit.operator.phase;

import io.dataops.sit.api.RunReason;
import java.util.regex.Pattern;

/**
 * Status reasons, some of which come from the runner (a tenant-chosen image can write anything into its result):
 * the metric tag takes only the API's vocabulary ({@link RunReason}; {@link #OTHER} for the rest, so a runner cannot
 * grow the metric's cardinality without bound), and status takes a runner reason only when it has the shape of one.
 */
public final class RunReasons {

    public static final String OTHER = "Other";
    /** CamelCase, as Kubernetes condition reasons are, at most 64 characters. */
    static final Pattern SHAPE = Pattern.compile("^[A-Z][A-Za-z0-9]{0,63}$");

    private RunReasons() {}

    /** The reason as a metric tag: a {@link RunReason}, or Other. */
    public static String forMetric(String reason) {
        return RunReason.fromValue(reason).map(RunReason::value).orElse(OTHER);
    }

    /** A runner-supplied reason for status when it looks like a reason, else the fallback. */
    public static String forStatus(String reason, String fallback) {
        return reason != null && SHAPE.matcher(reason).matches() ? reason : fallback;
    }

    /** As {@link #forStatus(String, String)}, falling back to one of the vocabulary's reasons. */
    public static String forStatus(String reason, RunReason fallback) {
        return forStatus(reason, fallback.value());
    }
}
