package io.dataops.sit.runner.relay;

import io.dataops.sit.runner.trace.KafkaTraceContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The relay traced as any instrumented system is: a CONSUMER span per record it reads, a child of the context in the
 * record's headers, named after the system ({@code OTEL_SERVICE_NAME}), whose context the copy carries on, exported
 * over OTLP/HTTP to {@code OTEL_EXPORTER_OTLP_ENDPOINT}. Without that variable (or with {@code OTEL_SDK_DISABLED=true}
 * or {@code OTEL_TRACES_EXPORTER=none}) it makes no span and starts no exporter: relaying costs what it did.
 */
public final class RelayTracing implements AutoCloseable {

    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public static final String SERVICE_NAME = "OTEL_SERVICE_NAME";
    /** The SDK's variable for the batch delay; the relay's default is short, so a scenario's spans come soon. */
    public static final String BATCH_DELAY = "OTEL_BSP_SCHEDULE_DELAY";

    static final Duration DEFAULT_BATCH_DELAY = Duration.ofMillis(200);

    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("sit.relay.filtered_out");

    private static final RelayTracing OFF = new RelayTracing(null, null);

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private RelayTracing(SdkTracerProvider provider, Tracer tracer) {
        this.provider = provider;
        this.tracer = tracer;
    }

    public static RelayTracing off() {
        return OFF;
    }

    /** From the OpenTelemetry variables in {@code env}; off when no endpoint is set. */
    public static RelayTracing fromEnv(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))
                || "none".equalsIgnoreCase(env.get("OTEL_TRACES_EXPORTER"))) {
            return OFF;
        }
        Optional<String> endpoint = nonBlank(env.get(TRACES_ENDPOINT))
                .or(() -> nonBlank(env.get(ENDPOINT)).map(base -> base.replaceAll("/+$", "") + "/v1/traces"));
        if (endpoint.isEmpty()) {
            return OFF;
        }
        Duration delay = nonBlank(env.get(BATCH_DELAY))
                .map(ms -> Duration.ofMillis(Long.parseLong(ms.strip())))
                .orElse(DEFAULT_BATCH_DELAY);
        String service = nonBlank(env.get(SERVICE_NAME)).orElse("sit-relay");
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().toBuilder()
                        .put("service.name", service)
                        .build())
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(endpoint.get())
                                .build())
                        .setScheduleDelay(delay)
                        .build())
                .build();
        return new RelayTracing(provider, provider.get("io.dataops.sit.runner.relay"));
    }

    boolean enabled() {
        return tracer != null;
    }

    /** A CONSUMER span for {@code record}, in the trace its headers carry (a new trace when they carry none). */
    Span startProcess(ConsumerRecord<byte[], byte[]> record) {
        if (tracer == null) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(record.topic() + " process")
                .setParent(KafkaTraceContext.extract(record.headers()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, record.topic())
                .setAttribute(OPERATION, "process")
                .startSpan();
    }

    /** The copy continues the flow from the relay's span. */
    void inject(Span span, Headers headers) {
        if (tracer != null) {
            KafkaTraceContext.inject(Context.root().with(span), headers);
        }
    }

    static void filteredOut(Span span) {
        span.setAttribute(DROPPED, true);
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** Exports what is still batched. */
    @Override
    public void close() {
        if (provider != null) {
            provider.close();
        }
    }
}
