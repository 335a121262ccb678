package io.dataops.sit.runner.steps;

import io.cucumber.java.en.Then;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.env.FaultTarget;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Threshold checks on consumed results: counts, arrival of matching events, latency percentiles. */
public class ThresholdSteps {

    private final ScenarioWorld world;
    private final RunContext run;

    public ThresholdSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @Then(StepTexts.RESULT_CONTAINS)
    public void resultContains(long expected, String tolerance, String percent) {
        requireResult();
        Tolerance t = Tolerance.of(expected, tolerance, percent);
        run.record(world, countThreshold(world, t, world.result.size(), null));
    }

    @Then(StepTexts.RESULT_CONTAINS_WITHIN)
    public void resultContainsWithin(long expected, String tolerance, String percent, long seconds) {
        requireResult();
        Tolerance t = Tolerance.of(expected, tolerance, percent);
        Instant deadline = Instant.now().plusSeconds(seconds);
        TopicRef ref = TopicRef.parse(world.resultTopic);
        // Re-read the checkpoint topic until the count is within bounds or the time is up.
        while (!t.accepts(BigDecimal.valueOf(world.result.size()))
                && Instant.now().isBefore(deadline)) {
            pause(250);
            try {
                world.result = readSinceScenarioStart(ref);
            } catch (StepError e) {
                // After this scenario stopped a broker, its being unreachable is part of what the step waits out.
                boolean ridingOutFault = RunReason.BROKER_UNREACHABLE.value().equals(e.reason())
                        && world.faulted(FaultTarget.Kind.BROKER)
                        && Instant.now().isBefore(deadline);
                if (!ridingOutFault) {
                    throw e;
                }
            }
        }
        run.record(world, countThreshold(world, t, world.result.size(), " within " + seconds + "s"));
    }

    static ThresholdResult countThreshold(ScenarioWorld world, Tolerance t, long actual, String suffix) {
        ThresholdResult r = new ThresholdResult(
                world.resultTopic + " contains " + t.describe() + " records" + (suffix == null ? "" : suffix),
                t.expected(),
                t.tolerance(),
                BigDecimal.valueOf(actual),
                t.accepts(BigDecimal.valueOf(actual)));
        r.setToleranceUnit(t.unit());
        if (!r.isPassed()) {
            r.setMessage("allowed " + t.lowerBound().stripTrailingZeros().toPlainString() + ".."
                    + t.upperBound().stripTrailingZeros().toPlainString() + ", consumed " + actual);
        }
        return r;
    }

    private void requireResult() {
        if (world.result == null) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "no result to check: consume one first with "
                            + "'result consumed from Kafka topic on checkpoint: <topic>'");
        }
    }

    @Then(StepTexts.EVENT_ARRIVES)
    public void eventArrives(String predicate, String topic, long seconds) {
        JsonPredicate p = parsePredicate(predicate);
        TopicRef ref = TopicRef.parse(topic);
        KafkaIo.PollOutcome outcome = KafkaIo.pollForMatch(
                ref.bootstrap(run),
                ref.topic(),
                world.readsStartAt(ref.bootstrap(run)),
                KafkaSteps.schemaHint(world, run, ref.toString()),
                c -> p.matches(c.value()),
                Duration.ofSeconds(seconds),
                run.settings().brokerTimeout());
        boolean found = outcome.match() != null;
        ThresholdResult r = new ThresholdResult(
                "event matching \"" + p + "\" arrives on " + topic + " within " + seconds + "s",
                BigDecimal.ONE,
                BigDecimal.ZERO,
                BigDecimal.valueOf(found ? 1 : 0),
                found);
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        if (!found) {
            r.setMessage("timed out after " + seconds(outcome.waited()) + " waiting for an event matching \"" + p
                    + "\" on topic " + topic + "; examined " + outcome.examined() + " records, none matched");
        } else {
            r.setMessage("matched offset " + outcome.match().offset() + " after " + seconds(outcome.waited()) + ", "
                    + outcome.examined() + " records examined");
        }
        run.record(world, r);
    }

    @Then(StepTexts.NO_EVENT_ARRIVES)
    public void noEventArrives(String predicate, String topic, long seconds) {
        JsonPredicate p = parsePredicate(predicate);
        TopicRef ref = TopicRef.parse(topic);
        KafkaIo.PollOutcome outcome = KafkaIo.pollForMatch(
                ref.bootstrap(run),
                ref.topic(),
                world.readsStartAt(ref.bootstrap(run)),
                KafkaSteps.schemaHint(world, run, ref.toString()),
                c -> p.matches(c.value()),
                Duration.ofSeconds(seconds),
                run.settings().brokerTimeout());
        boolean none = outcome.match() == null;
        ThresholdResult r = new ThresholdResult(
                "no event matching \"" + p + "\" on " + topic + " for " + seconds + "s",
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                BigDecimal.valueOf(none ? 0 : 1),
                none);
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        r.setMessage(
                none
                        ? "watched " + seconds(outcome.waited()) + ", " + outcome.examined() + " records examined"
                        : "event at offset " + outcome.match().offset() + " matched after " + seconds(outcome.waited())
                                + ": " + outcome.match().value());
        run.record(world, r);
    }

    @Then(StepTexts.LATENCY_PERCENTILE)
    public void latencyPercentileBelow(String percentile, String inTopic, String outTopic, long boundMillis) {
        double pct = Double.parseDouble(percentile);
        if (pct <= 0 || pct > 100) {
            throw new StepError(RunReason.BAD_INPUT, "percentile p" + percentile + " must be in (0, 100]");
        }
        TopicRef in = TopicRef.parse(inTopic);
        TopicRef out = TopicRef.parse(outTopic);
        Map<String, Long> producedAt = producedAt(publishedOn(in));
        List<Long> latencies = pairedOnOutput(out, producedAt).stream()
                .map(pair -> Math.max(0, pair.outputAt() - pair.publishedAt()))
                .toList();
        BigDecimal actual = latencies.isEmpty() ? null : BigDecimal.valueOf(percentile(latencies, pct));
        boolean passed = actual != null && actual.compareTo(BigDecimal.valueOf(boundMillis)) < 0;
        ThresholdResult r = new ThresholdResult(
                "p" + percentile + " latency " + inTopic + " -> " + outTopic + " below " + boundMillis + " ms",
                BigDecimal.valueOf(boundMillis),
                BigDecimal.ZERO,
                actual,
                passed);
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        r.setMessage(
                latencies.isEmpty()
                        ? "no record on " + outTopic + " could be paired with one on " + inTopic + pairingRule()
                        : latencies.size() + " records paired, max "
                                + latencies.stream()
                                        .mapToLong(Long::longValue)
                                        .max()
                                        .orElse(0) + " ms");
        run.record(world, r);
    }

    @Then(StepTexts.THROUGHPUT)
    public void throughputAtLeast(String rate, String inTopic, String outTopic) {
        BigDecimal expected = new BigDecimal(rate);
        TopicRef in = TopicRef.parse(inTopic);
        TopicRef out = TopicRef.parse(outTopic);
        List<KafkaIo.Produced> published = publishedOn(in);
        Map<String, Long> producedAt = producedAt(published);
        long firstPublished =
                published.stream().mapToLong(KafkaIo.Produced::timestamp).min().orElse(0);
        List<Pairing> pairs = pairedOnOutput(out, producedAt);
        long paired = pairs.size();
        long lastOutput = pairs.stream().mapToLong(Pairing::outputAt).max().orElse(Long.MIN_VALUE);
        // The window runs from the first record published to the last output paired with one; at least 1 ms, so a
        // handful of records that all fit in one millisecond still give a rate.
        long windowMillis = paired == 0 ? 0 : Math.max(1, lastOutput - firstPublished);
        BigDecimal actual = paired == 0
                ? null
                : BigDecimal.valueOf(paired * 1000L).divide(BigDecimal.valueOf(windowMillis), 1, RoundingMode.HALF_UP);
        boolean passed = actual != null && actual.compareTo(expected) >= 0;
        ThresholdResult r = new ThresholdResult(
                "throughput " + inTopic + " -> " + outTopic + " at least " + rate + " records/s",
                expected,
                BigDecimal.ZERO,
                actual,
                passed);
        r.setToleranceUnit(Tolerance.ABSOLUTE);
        r.setMessage(
                paired == 0
                        ? "none of the " + published.size() + " records on " + inTopic + " could be paired with one on "
                                + outTopic + pairingRule()
                        : paired + " of " + published.size() + " records from " + inTopic + " arrived on " + outTopic
                                + " within " + windowMillis + " ms of the first being published");
        run.record(world, r);
    }

    /** When a record was published and when its counterpart reached the output topic (record timestamps, ms). */
    private record Pairing(long publishedAt, long outputAt) {}

    /** The records on {@code out} that pair with one this scenario published (see {@link #correlationOf}). */
    private List<Pairing> pairedOnOutput(TopicRef out, Map<String, Long> producedAt) {
        List<Pairing> pairs = new ArrayList<>();
        for (KafkaIo.Consumed c : readSinceScenarioStart(out)) {
            Long publishedAt = producedAt.get(correlationOf(c));
            if (publishedAt != null) {
                pairs.add(new Pairing(publishedAt, c.timestamp()));
            }
        }
        return pairs;
    }

    /** A topic up to its current end, from where this scenario's reads start (its beginning, or @isolated's offsets). */
    private List<KafkaIo.Consumed> readSinceScenarioStart(TopicRef topic) {
        return KafkaIo.readToCheckpoint(
                topic.bootstrap(run),
                topic.topic(),
                world.readsStartAt(topic.bootstrap(run)),
                KafkaSteps.schemaHint(world, run, topic.toString()),
                Duration.ofSeconds(60),
                run.settings().brokerTimeout());
    }

    /** The records this scenario published to {@code in}, else (published by someone else) every record on it. */
    private List<KafkaIo.Produced> publishedOn(TopicRef in) {
        List<KafkaIo.Produced> produced = world.produced.getOrDefault(in.toString(), List.of());
        if (!produced.isEmpty()) {
            return produced;
        }
        List<KafkaIo.Produced> read = new ArrayList<>();
        for (KafkaIo.Consumed c : readSinceScenarioStart(in)) {
            read.add(new KafkaIo.Produced(correlationOf(c), null, c.timestamp(), c.partition(), c.offset()));
        }
        return read;
    }

    /** Correlation id -> when the record was produced. */
    private static Map<String, Long> producedAt(List<KafkaIo.Produced> produced) {
        Map<String, Long> producedAt = new HashMap<>();
        for (KafkaIo.Produced p : produced) {
            String id = p.correlationId() != null
                    ? p.correlationId()
                    : p.key() == null ? null : new String(p.key(), StandardCharsets.UTF_8);
            if (id != null) {
                producedAt.putIfAbsent(id, p.timestamp());
            }
        }
        return producedAt;
    }

    private String pairingRule() {
        return " (by header " + KafkaIo.CORRELATION_HEADER + ", key"
                + (run.settings().correlationField() == null
                        ? ""
                        : " or field " + run.settings().correlationField())
                + ")";
    }

    /** Correlation id of a record: the header, else the configured field, else the key. */
    private String correlationOf(KafkaIo.Consumed c) {
        if (c.correlationId() != null) {
            return c.correlationId();
        }
        String field = run.settings().correlationField();
        if (field != null && c.value() instanceof Map<?, ?> m && m.get(field) != null) {
            return String.valueOf(m.get(field));
        }
        return c.keyText();
    }

    /** Nearest-rank percentile. */
    public static long percentile(List<Long> values, double pct) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static JsonPredicate parsePredicate(String predicate) {
        try {
            return JsonPredicate.parse(predicate);
        } catch (IllegalArgumentException e) {
            throw new StepError(RunReason.BAD_INPUT, e.getMessage(), e);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
