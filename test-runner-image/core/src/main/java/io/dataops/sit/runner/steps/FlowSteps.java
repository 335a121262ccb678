package io.dataops.sit.runner.steps;

import io.cucumber.java.en.Then;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.trace.FlowSpan;
import io.dataops.sit.runner.trace.FlowTraces;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Assertions on the flow of the records a scenario published, from the spans the systems export to the runner's
 * OTLP receiver: each published record starts a trace of its own (its {@code traceparent} header), and every traced
 * system that handles it adds spans under its {@code service.name}. Exporters batch, so every step polls.
 */
public class FlowSteps {

    /** One published record's trace and when its publish span started. */
    record PublishedFlow(String traceId, long startEpochNanos) {}

    /** How long the spans of the scenario's flows must stay unchanged before they count as complete. */
    static final Duration SETTLED = Duration.ofSeconds(1);

    private static final Duration POLL = Duration.ofMillis(100);

    private final ScenarioWorld world;
    private final RunContext run;

    public FlowSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @Then(StepTexts.FLOW_PASSED_THROUGH)
    public void passedThrough(String topic, String systemsText, long seconds) {
        List<String> systems = List.of(systemsText.split("\\s*,\\s*then\\s+|\\s*,\\s*|\\s+then\\s+"));
        List<PublishedFlow> flows = flowsOf(topic);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<PublishedFlow> missing;
        while (true) {
            missing = flows.stream()
                    .filter(f -> !passesThrough(spans(f), systems))
                    .toList();
            if (missing.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            pause();
        }
        String path = String.join(", then ", systems);
        ThresholdResult r = new ThresholdResult(
                "every record published to " + topic + " passed through " + path + " within " + seconds + "s",
                BigDecimal.valueOf(flows.size()),
                BigDecimal.ZERO,
                BigDecimal.valueOf(flows.size() - missing.size()),
                missing.isEmpty());
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        r.setMessage(
                missing.isEmpty()
                        ? flows.size() + " of " + flows.size() + " records passed through " + path
                        : missing.size() + " of " + flows.size() + " records did not pass through " + path
                                + " within " + seconds + "s; e.g. trace "
                                + missing.get(0).traceId() + " reached "
                                + describe(spans(missing.get(0))) + evictedNote());
        run.record(world, r);
    }

    @Then(StepTexts.FLOW_NO_ERROR)
    public void noErrorSpan() {
        Map<PublishedFlow, List<FlowSpan>> flows = settledFlows(allFlows());
        requireSomeSystemSpan(flows);
        List<FlowSpan> errors = flows.values().stream()
                .flatMap(List::stream)
                .filter(FlowSpan::error)
                .toList();
        ThresholdResult r = new ThresholdResult(
                "no span of the flow has an error",
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.valueOf(errors.size()),
                errors.isEmpty());
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        r.setMessage(
                errors.isEmpty()
                        ? spanCount(flows) + " spans of " + flows.size() + " records' flows, none with an error"
                        : errors.size() + " error spans in the flows of " + flows.size() + " records: "
                                + errors.stream()
                                        .limit(5)
                                        .map(e -> e + " in trace " + e.traceId())
                                        .collect(Collectors.joining("; ")));
        run.record(world, r);
    }

    @Then(StepTexts.FLOW_INVOLVED_ONLY)
    public void involvedOnly(String systemsText) {
        Set<String> allowed =
                new LinkedHashSet<>(Arrays.asList(systemsText.split("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+")));
        Map<PublishedFlow, List<FlowSpan>> flows = settledFlows(allFlows());
        requireSomeSystemSpan(flows);
        // in the order the flow reached them (earliest span first), not the order the exporters sent them in
        Map<String, Long> firstStart = new HashMap<>();
        flows.values()
                .forEach(spans -> spans.stream()
                        .filter(s -> !FlowTraces.RUNNER_SERVICE.equals(s.service()))
                        .forEach(s -> firstStart.merge(s.service(), s.startEpochNanos(), Math::min)));
        Set<String> involved = new LinkedHashSet<>();
        firstStart.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> involved.add(e.getKey()));
        Set<String> unexpected = new LinkedHashSet<>(involved);
        unexpected.removeAll(allowed);
        ThresholdResult r = new ThresholdResult(
                "the flow involved only " + String.join(", ", allowed),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.valueOf(unexpected.size()),
                unexpected.isEmpty());
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        r.setMessage(
                unexpected.isEmpty()
                        ? "involved " + String.join(", ", involved)
                        : "unexpected in the flow: " + String.join(", ", unexpected) + " (involved: "
                                + String.join(", ", involved) + ")");
        run.record(world, r);
    }

    @Then(StepTexts.FLOW_COMPLETED_WITHIN)
    public void completedWithin(String topic, long millis) {
        Map<PublishedFlow, List<FlowSpan>> flows = settledFlows(flowsOf(topic));
        long slowest = -1;
        PublishedFlow slowestFlow = null;
        int untraced = 0;
        for (Map.Entry<PublishedFlow, List<FlowSpan>> flow : flows.entrySet()) {
            if (!hasSystemSpan(flow.getValue())) {
                untraced++;
                continue;
            }
            long lastEnd = flow.getValue().stream()
                    .mapToLong(FlowSpan::endEpochNanos)
                    .max()
                    .orElseThrow();
            long took = (lastEnd - flow.getKey().startEpochNanos()) / 1_000_000;
            if (took > slowest) {
                slowest = took;
                slowestFlow = flow.getKey();
            }
        }
        boolean passed = untraced == 0 && slowest <= millis;
        ThresholdResult r = new ThresholdResult(
                "every record published to " + topic + " completed its flow within " + millis + " ms",
                BigDecimal.valueOf(millis),
                BigDecimal.ZERO,
                slowest < 0 ? null : BigDecimal.valueOf(slowest),
                passed);
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        StringBuilder message = new StringBuilder();
        if (slowestFlow != null) {
            message.append("slowest flow ")
                    .append(slowest)
                    .append(" ms from publish to its last span (trace ")
                    .append(slowestFlow.traceId())
                    .append(": ")
                    .append(describe(flows.get(slowestFlow)))
                    .append(")");
        }
        if (untraced > 0) {
            message.append(message.isEmpty() ? "" : "; ")
                    .append(untraced)
                    .append(" of ")
                    .append(flows.size())
                    .append(" records reached no traced system within ")
                    .append(run.settings().processingTimeout().toSeconds())
                    .append("s")
                    .append(evictedNote());
        }
        r.setMessage(message.toString());
        run.record(world, r);
    }

    /** Greedy, in order: each system has a span after (a descendant of, or started no earlier than) the previous one. */
    static boolean passesThrough(List<FlowSpan> spans, List<String> systems) {
        Map<String, FlowSpan> byId = new HashMap<>();
        spans.forEach(s -> byId.put(s.spanId(), s));
        List<FlowSpan> reached = null;
        for (String system : systems) {
            List<FlowSpan> previous = reached;
            reached = spans.stream()
                    .filter(s -> s.service().equals(system))
                    .filter(s -> previous == null || previous.stream().anyMatch(p -> after(s, p, byId)))
                    .toList();
            if (reached.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean after(FlowSpan span, FlowSpan earlier, Map<String, FlowSpan> byId) {
        for (FlowSpan s = byId.get(span.parentSpanId()); s != null; s = byId.get(s.parentSpanId())) {
            if (s.spanId().equals(earlier.spanId())) {
                return true;
            }
        }
        return span.startEpochNanos() >= earlier.startEpochNanos();
    }

    /**
     * The spans of {@code flows} once every flow reached a traced system and nothing new arrived for {@link #SETTLED}
     * (or the processing timeout passed): exporters send in batches, a later hop's spans come after an earlier one's.
     */
    private Map<PublishedFlow, List<FlowSpan>> settledFlows(List<PublishedFlow> flows) {
        long deadline = System.nanoTime() + run.settings().processingTimeout().toNanos();
        long lastCount = -1;
        long unchangedSince = System.nanoTime();
        while (true) {
            Map<PublishedFlow, List<FlowSpan>> current = new LinkedHashMap<>();
            flows.forEach(f -> current.put(f, spans(f)));
            long count = spanCount(current);
            long now = System.nanoTime();
            if (count != lastCount) {
                lastCount = count;
                unchangedSince = now;
            }
            boolean allReached = current.values().stream().allMatch(FlowSteps::hasSystemSpan);
            if ((allReached && now - unchangedSince >= SETTLED.toNanos()) || now >= deadline) {
                return current;
            }
            pause();
        }
    }

    private void requireSomeSystemSpan(Map<PublishedFlow, List<FlowSpan>> flows) {
        if (flows.values().stream().noneMatch(FlowSteps::hasSystemSpan)) {
            throw new ThresholdFailure("no system reported a span of the " + flows.size()
                    + " records this scenario published within "
                    + run.settings().processingTimeout().toSeconds()
                    + "s: nothing to check (do the systems export traces to OTEL_EXPORTER_OTLP_ENDPOINT?)");
        }
    }

    private static boolean hasSystemSpan(List<FlowSpan> spans) {
        return spans.stream().anyMatch(s -> !FlowTraces.RUNNER_SERVICE.equals(s.service()));
    }

    private static long spanCount(Map<PublishedFlow, List<FlowSpan>> flows) {
        return flows.values().stream().mapToLong(List::size).sum();
    }

    private List<FlowSpan> spans(PublishedFlow flow) {
        return run.traces().spans().trace(flow.traceId());
    }

    private List<PublishedFlow> flowsOf(String topic) {
        requireTraces();
        String ref = TopicRef.parse(topic).toString();
        List<PublishedFlow> flows = world.publishedFlows.get(ref);
        if (flows == null || flows.isEmpty()) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "this scenario published nothing to " + topic + " (published to: " + world.publishedFlows.keySet()
                            + ")");
        }
        return flows;
    }

    private List<PublishedFlow> allFlows() {
        requireTraces();
        List<PublishedFlow> flows = new ArrayList<>();
        world.publishedFlows.values().forEach(flows::addAll);
        if (flows.isEmpty()) {
            throw new StepError(RunReason.BAD_INPUT, "this scenario published no record whose flow could be checked");
        }
        return flows;
    }

    private void requireTraces() {
        if (run.traces() == null) {
            throw new StepError(
                    RunReason.BAD_INPUT, "this run receives no traces: the flow steps need the runner's OTLP receiver");
        }
    }

    /** The systems a trace reached, in start order: "sit-runner 'in publish' -> product-1 'in process'". */
    private static String describe(List<FlowSpan> spans) {
        return spans.stream()
                        .sorted(Comparator.comparingLong(FlowSpan::startEpochNanos))
                        .map(FlowSpan::toString)
                        .collect(Collectors.joining(" -> "))
                + (hasSystemSpan(spans) ? "" : " (no span from any system)");
    }

    private String evictedNote() {
        long evicted = run.traces().spans().evicted();
        return evicted == 0 ? "" : " (" + evicted + " older spans were dropped to bound the runner's memory)";
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepError(RunReason.BAD_INPUT, "interrupted while waiting for spans");
        }
    }
}
