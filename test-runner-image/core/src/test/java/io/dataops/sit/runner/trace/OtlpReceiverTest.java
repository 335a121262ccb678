package io.dataops.sit.runner.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The receiver with the real SDK exporter on the other end of a real HTTP connection. */
class OtlpReceiverTest {

    @Test
    void spansExportedByTheSdkArriveWithServiceParentAndErrorStatus() throws Exception {
        try (FlowTraces traces = FlowTraces.startOnLoopback()) {
            SdkTracerProvider provider = provider(traces, "orders-api");
            Tracer tracer = provider.get("test");
            Span parent = tracer.spanBuilder("parent").startSpan();
            Span child = tracer.spanBuilder("child")
                    .setParent(Context.root().with(parent))
                    .startSpan();
            child.setStatus(StatusCode.ERROR, "boom");
            child.end();
            parent.end();
            String traceId = parent.getSpanContext().getTraceId();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                    .isTrue();
            provider.close();

            assertThat(traces.spans().trace(traceId))
                    .extracting(FlowSpan::name, FlowSpan::service, FlowSpan::error, FlowSpan::statusMessage)
                    .containsExactlyInAnyOrder(
                            tuple("child", "orders-api", true, "boom"), tuple("parent", "orders-api", false, ""));
            FlowSpan childSpan = traces.spans().trace(traceId).stream()
                    .filter(s -> s.name().equals("child"))
                    .findFirst()
                    .orElseThrow();
            assertThat(childSpan.parentSpanId())
                    .isEqualTo(parent.getSpanContext().getSpanId());
            assertThat(childSpan.kind()).isEqualTo("INTERNAL");
            assertThat(childSpan.endEpochNanos()).isGreaterThanOrEqualTo(childSpan.startEpochNanos());
        }
    }

    @Test
    void manySpansAreReceivedAndTheCostPerSpanIsMeasured() throws Exception {
        int count = 20_000;
        try (FlowTraces traces = FlowTraces.startOnLoopback()) {
            SdkTracerProvider provider = provider(traces, "bulk");
            Tracer tracer = provider.get("test");
            // warm-up: class loading and the first connection
            tracer.spanBuilder("warm-up").startSpan().end();
            provider.forceFlush().join(10, TimeUnit.SECONDS);
            long before = traces.spans().received();
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                tracer.spanBuilder("span " + i).startSpan().end();
            }
            assertThat(provider.forceFlush().join(60, TimeUnit.SECONDS).isSuccess())
                    .isTrue();
            long took = System.nanoTime() - started;
            provider.close();
            assertThat(traces.spans().received() - before).isEqualTo(count);
            System.err.printf(
                    "OTLP receiver: %d spans made, exported over HTTP and stored in %d ms (%.1f µs a span)%n",
                    count, took / 1_000_000, took / 1000.0 / count);
        }
    }

    @Test
    void otherContentTypesAndMethodsAreRefusedWithAReason() throws Exception {
        try (FlowTraces traces = FlowTraces.startOnLoopback();
                HttpClient client = HttpClient.newHttpClient()) {
            URI uri = URI.create(traces.loopbackEndpoint() + OtlpReceiver.TRACES_PATH);
            HttpResponse<String> json = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(415);
            assertThat(json.body()).contains("only application/x-protobuf");
            HttpResponse<String> get =
                    client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            HttpResponse<String> garbage = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 1, 2}))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(garbage.statusCode()).isEqualTo(400);
            assertThat(traces.spans().received()).isZero();
        }
    }

    @Test
    void theStoreDropsTheOldestTracesPastItsBound() {
        SpanStore store = new SpanStore(3);
        store.add(span("t1", "a"));
        store.add(span("t1", "b"));
        store.add(span("t2", "c"));
        store.add(span("t3", "d"));
        assertThat(store.trace("t1")).isEmpty();
        assertThat(store.trace("t2")).hasSize(1);
        assertThat(store.trace("t3")).hasSize(1);
        assertThat(store.evicted()).isEqualTo(2);
        assertThat(store.received()).isEqualTo(4);
    }

    private static FlowSpan span(String traceId, String spanId) {
        return new FlowSpan(traceId, spanId, "", "s", "n", "INTERNAL", 1, 2, false, "");
    }

    private static SdkTracerProvider provider(FlowTraces traces, String service) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().toBuilder()
                        .put("service.name", service)
                        .build())
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(traces.loopbackEndpoint() + OtlpReceiver.TRACES_PATH)
                                .build())
                        .setMaxQueueSize(50_000)
                        .build())
                .build();
    }
}
