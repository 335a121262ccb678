package io.dataops.sit.runner.trace;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver ({@code POST /v1/traces}, binary protobuf, optionally gzip-compressed: what every
 * OpenTelemetry SDK's OTLP/HTTP exporter sends by default) on the JDK's HTTP server, storing what it receives in a
 * {@link SpanStore}. OTLP/JSON is answered 415: its ids are hex, not protobuf-JSON's base64, so it needs a decoder of
 * its own, and the SDKs default to protobuf.
 */
public final class OtlpReceiver implements AutoCloseable {

    public static final String TRACES_PATH = "/v1/traces";
    /** The OTLP/HTTP port a collector listens on. */
    public static final int DEFAULT_PORT = 4318;

    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final ExecutorService executor;
    private final SpanStore store;

    private OtlpReceiver(HttpServer server, ExecutorService executor, SpanStore store) {
        this.server = server;
        this.executor = executor;
        this.store = store;
    }

    /** Listens on {@code address} (port 0: any free port). */
    public static OtlpReceiver start(InetSocketAddress address, SpanStore store) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        OtlpReceiver receiver = new OtlpReceiver(server, executor, store);
        server.createContext(TRACES_PATH, receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "text/plain", bytes("POST OTLP protobuf to " + TRACES_PATH));
                return;
            }
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/x-protobuf")) {
                reply(exchange, 415, "text/plain", bytes("only application/x-protobuf is accepted, not " + type));
                return;
            }
            byte[] body;
            try (InputStream in =
                    "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(exchange.getRequestBody())
                            : exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                reply(
                        exchange,
                        413,
                        "text/plain",
                        bytes("an export request may hold at most " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                reply(exchange, 400, "text/plain", bytes("not an OTLP ExportTraceServiceRequest: " + e.getMessage()));
                return;
            }
            store(request);
            reply(
                    exchange,
                    200,
                    "application/x-protobuf",
                    ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        }
    }

    /** Stores every span of an export request under its resource's {@code service.name}. */
    void store(ExportTraceServiceRequest request) {
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = "unknown_service";
            for (KeyValue attribute : resourceSpans.getResource().getAttributesList()) {
                if ("service.name".equals(attribute.getKey())) {
                    service = attribute.getValue().getStringValue();
                }
            }
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                    store.add(new FlowSpan(
                            hex(span.getTraceId()),
                            hex(span.getSpanId()),
                            hex(span.getParentSpanId()),
                            service,
                            span.getName(),
                            span.getKind().name().replace("SPAN_KIND_", ""),
                            span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano(),
                            span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
                            span.getStatus().getMessage()));
                }
            }
        }
    }

    private static String hex(ByteString id) {
        return HEX.formatHex(id.toByteArray());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
