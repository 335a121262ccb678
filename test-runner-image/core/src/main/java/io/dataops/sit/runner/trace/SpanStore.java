package io.dataops.sit.runner.trace;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of a run, by trace, in memory and bounded: past {@code maxSpans} the oldest traces are dropped whole
 * (earlier scenarios' flows, which no later step reads), so a long run cannot exhaust the runner's heap.
 */
public final class SpanStore {

    /** About 300 bytes a span: some 60 MB at most. */
    public static final int DEFAULT_MAX_SPANS = 200_000;

    private final int maxSpans;
    private final Map<String, List<FlowSpan>> byTrace = new LinkedHashMap<>();
    private int size;
    private long received;
    private long evicted;

    public SpanStore(int maxSpans) {
        if (maxSpans < 1) {
            throw new IllegalArgumentException("maxSpans must be positive: " + maxSpans);
        }
        this.maxSpans = maxSpans;
    }

    public synchronized void add(FlowSpan span) {
        byTrace.computeIfAbsent(span.traceId(), t -> new ArrayList<>()).add(span);
        size++;
        received++;
        Iterator<List<FlowSpan>> oldest = byTrace.values().iterator();
        while (size > maxSpans && oldest.hasNext()) {
            int dropped = oldest.next().size();
            oldest.remove();
            size -= dropped;
            evicted += dropped;
        }
    }

    /** The spans of one trace received so far, in arrival order (a copy). */
    public synchronized List<FlowSpan> trace(String traceId) {
        List<FlowSpan> spans = byTrace.get(traceId);
        return spans == null ? List.of() : List.copyOf(spans);
    }

    public synchronized long received() {
        return received;
    }

    /** Spans dropped to stay within the bound: a flow step names them when a trace it needs may be among them. */
    public synchronized long evicted() {
        return evicted;
    }
}
