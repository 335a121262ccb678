package io.dataops.sit.runner.trace;

/**
 * One span the runner received or made itself, reduced to what the flow steps check.
 *
 * @param service       the reporting process's {@code service.name} (a system's name, or {@link FlowTraces#RUNNER_SERVICE})
 * @param parentSpanId  empty for a trace's root
 * @param error         the span's status is ERROR
 * @param statusMessage the status description of an error span, else empty
 */
public record FlowSpan(
        String traceId,
        String spanId,
        String parentSpanId,
        String service,
        String name,
        String kind,
        long startEpochNanos,
        long endEpochNanos,
        boolean error,
        String statusMessage) {

    @Override
    public String toString() {
        return service + " '" + name + "'"
                + (error ? " ERROR" + (statusMessage.isEmpty() ? "" : " (" + statusMessage + ")") : "");
    }
}
