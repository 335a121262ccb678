package io.dataops.sit.runner.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Headers;

/**
 * The traces of one run: the OTLP receiver the systems export to, the spans it stored, and the runner's own tracer,
 * which starts one trace per published record (so each record's flow is a trace of its own) and puts its W3C
 * {@code traceparent} in the record's headers. The runner's spans go straight into the store, not over HTTP.
 */
public final class FlowTraces implements AutoCloseable {

    /** The {@code service.name} of the runner's own spans (a system should not be called this). */
    public static final String RUNNER_SERVICE = "sit-runner";

    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> CORRELATION = AttributeKey.stringKey("sit.correlation_id");

    private final SpanStore store;
    private final OtlpReceiver receiver;
    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private FlowTraces(SpanStore store, OtlpReceiver receiver) {
        this.store = store;
        this.receiver = receiver;
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().toBuilder()
                        .put("service.name", RUNNER_SERVICE)
                        .build())
                .addSpanProcessor(SimpleSpanProcessor.create(new StoreExporter(store)))
                .build();
        this.tracer = provider.get("io.dataops.sit.runner");
    }

    /** Local mode: the receiver on the loopback interface, any free port. */
    public static FlowTraces startOnLoopback() throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SpanStore.DEFAULT_MAX_SPANS);
    }

    public static FlowTraces start(InetSocketAddress address, int maxSpans) throws IOException {
        SpanStore store = new SpanStore(maxSpans);
        return new FlowTraces(store, OtlpReceiver.start(address, store));
    }

    public SpanStore spans() {
        return store;
    }

    public int port() {
        return receiver.port();
    }

    /** The OTEL_EXPORTER_OTLP_ENDPOINT a system on this machine exports to. */
    public String loopbackEndpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** A record's publish span: started before it is sent, ended once the broker acknowledged it. */
    public final class Publish {
        private final Span span;
        private final long startEpochNanos;

        private Publish(Span span, long startEpochNanos) {
            this.span = span;
            this.startEpochNanos = startEpochNanos;
        }

        public String traceId() {
            return span.getSpanContext().getTraceId();
        }

        public long startEpochNanos() {
            return startEpochNanos;
        }

        public void end() {
            span.end();
        }

        public void fail(String reason) {
            span.setStatus(StatusCode.ERROR, reason);
            span.end();
        }
    }

    /** Starts the root span of one record's flow and injects its context into the record's headers. */
    public Publish startPublish(String topic, String correlationId, Headers headers) {
        Instant now = Instant.now();
        long startEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Span span = tracer.spanBuilder(topic + " publish")
                .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                .setNoParent()
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(DESTINATION, topic)
                .setAttribute(CORRELATION, correlationId)
                .startSpan();
        KafkaTraceContext.inject(Context.root().with(span), headers);
        return new Publish(span, startEpochNanos);
    }

    @Override
    public void close() {
        receiver.close();
        provider.close();
    }

    /** The runner's spans, into the store as if received. */
    private record StoreExporter(SpanStore store) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            for (SpanData s : spans) {
                store.add(new FlowSpan(
                        s.getTraceId(),
                        s.getSpanId(),
                        s.getParentSpanContext().isValid() ? s.getParentSpanId() : "",
                        RUNNER_SERVICE,
                        s.getName(),
                        s.getKind().name(),
                        s.getStartEpochNanos(),
                        s.getEndEpochNanos(),
                        s.getStatus().getStatusCode() == StatusCode.ERROR,
                        s.getStatus().getDescription()));
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
