package io.dataops.sit.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.RunnerResult;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.relay.Relay;
import io.dataops.sit.runner.relay.RelayTracing;
import io.dataops.sit.runner.testing.SharedKafka;
import io.dataops.sit.runner.testing.TestEnv;
import io.dataops.sit.runner.trace.FlowTraces;
import io.dataops.sit.runner.trace.KafkaTraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow steps against real parts: the embedded broker, two relays traced through the OpenTelemetry SDK exporting
 * over OTLP/HTTP to the runner's receiver, and a "payments" system (here, with the SDK) that records an error span
 * for every record it handles.
 */
class FlowStepsTest {

    @TempDir
    Path features;

    @Test
    void flowStepsPassForTheTracedPathAndFailClearlyOtherwise() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String in = "flow_in_" + suffix;
        String mid = "flow_mid_" + suffix;
        String out = "flow_out_" + suffix;
        String untraced = "flow_nowhere_" + suffix;
        String failing = "flow_payments_" + suffix;
        TestEnv.write(
                features,
                "orders.jsonl",
                IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "{\"id\": " + i + ", \"amount\": " + i + "}")
                        .collect(Collectors.joining("\n")));
        TestEnv.write(features, "flow.feature", """
                Feature: flows
                  Scenario: the traced path
                    Given sample data is loaded from: orders.jsonl
                    And published to Kafka topic: %1$s
                    Then every record published to %1$s passed through product-1, then orders-api within 30 seconds
                    And every record published to %1$s completed its flow within 20000 ms
                    And the flow of this scenario involved only product-1 and orders-api
                    And no span of this scenario's flow has an error

                  Scenario: the wrong order
                    Given sample data is loaded from: orders.jsonl
                    And published to Kafka topic: %1$s
                    Then every record published to %1$s passed through orders-api, then product-1 within 2 seconds

                  Scenario: a system not in the path
                    Given sample data is loaded from: orders.jsonl
                    And published to Kafka topic: %2$s
                    Then every record published to %2$s passed through product-1 within 2 seconds

                  Scenario: an SLA too tight
                    Given sample data is loaded from: orders.jsonl
                    And published to Kafka topic: %1$s
                    Then every record published to %1$s completed its flow within 0 ms

                  Scenario: an unexpected component
                    Given sample data is loaded from: orders.jsonl
                    And published to Kafka topic: %1$s
                    Then the flow of this scenario involved only product-1

                  Scenario: an error span
                    Given sample data is loaded from: orders.jsonl
                    And published to Kafka topic: %3$s
                    Then no span of this scenario's flow has an error
                """.formatted(in, untraced, failing));

        String bootstrap = SharedKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(failing, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        RunnerResult result;
        long started;
        try (FlowTraces traces = FlowTraces.startOnLoopback();
                Relay product = new Relay(
                                new Relay.Options(bootstrap, in, mid, null, null, Long.MAX_VALUE, "p1-" + suffix),
                                RelayTracing.fromEnv(systemEnv(traces, "product-1")))
                        .start();
                Relay orders = new Relay(
                                new Relay.Options(bootstrap, mid, out, null, null, Long.MAX_VALUE, "oa-" + suffix),
                                RelayTracing.fromEnv(systemEnv(traces, "orders-api")))
                        .start();
                FailingSystem payments = new FailingSystem(bootstrap, failing, traces.loopbackEndpoint())) {
            assertThat(product.awaitAssigned(Duration.ofSeconds(60))).isTrue();
            assertThat(orders.awaitAssigned(Duration.ofSeconds(60))).isTrue();
            started = System.nanoTime();
            result = new ScenarioEngine(TestEnv.fastSettings(), true)
                    .withFlowTraces(traces)
                    .run(TestEnv.kafkaOnly(), features, null);
            System.err.println("flow run: " + (System.nanoTime() - started) / 1_000_000 + " ms, "
                    + traces.spans().received() + " spans received");
        }

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.FAILED);
        Map<String, ThresholdResult> byScenario = result.getThresholds().stream()
                .filter(t -> !t.isPassed())
                .collect(Collectors.toMap(ThresholdResult::getScenario, t -> t));
        List<ThresholdResult> good = result.getThresholds().stream()
                .filter(t -> t.getScenario().equals("the traced path"))
                .toList();
        assertThat(good)
                .hasSize(4)
                .allSatisfy(t -> assertThat(t.isPassed())
                        .as(t.getName() + ": " + t.getMessage())
                        .isTrue());
        assertThat(good.get(0).getMessage()).isEqualTo("20 of 20 records passed through product-1, then orders-api");
        assertThat(good.get(1).getActual()).isNotNull().isPositive();
        assertThat(good.get(2).getMessage()).isEqualTo("involved product-1, orders-api");
        System.err.println("flow of 20 records: slowest " + good.get(1).getActual() + " ms; "
                + good.get(1).getMessage());

        assertThat(byScenario.get("the wrong order").getMessage())
                .startsWith("20 of 20 records did not pass through orders-api, then product-1 within 2s; e.g. trace ")
                .contains("sit-runner '" + in + " publish' -> product-1 '" + in + " process' -> orders-api '" + mid
                        + " process'");
        assertThat(byScenario.get("a system not in the path").getMessage())
                .contains("sit-runner '" + untraced + " publish' (no span from any system)");
        ThresholdResult tight = byScenario.get("an SLA too tight");
        assertThat(tight.getActual()).isPositive();
        assertThat(tight.getMessage())
                .startsWith("slowest flow " + tight.getActual() + " ms from publish to its last span");
        assertThat(byScenario.get("an unexpected component").getMessage())
                .isEqualTo("unexpected in the flow: orders-api (involved: product-1, orders-api)");
        ThresholdResult errors = byScenario.get("an error span");
        assertThat(errors.getActual()).isEqualByComparingTo("20");
        assertThat(errors.getMessage())
                .startsWith("20 error spans in the flows of 20 records: payments '" + failing
                        + " process' ERROR (card declined) in trace ");
    }

    private static Map<String, String> systemEnv(FlowTraces traces, String system) {
        return Map.of(RelayTracing.ENDPOINT, traces.loopbackEndpoint(), RelayTracing.SERVICE_NAME, system);
    }

    /** A system instrumented with the SDK by hand that fails every record it reads. */
    private static final class FailingSystem implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final SdkTracerProvider provider;
        private final Thread thread;

        FailingSystem(String bootstrap, String topic, String endpoint) {
            provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().toBuilder()
                            .put("service.name", "payments")
                            .build())
                    .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                    .setEndpoint(endpoint + "/v1/traces")
                                    .build())
                            .setScheduleDelay(Duration.ofMillis(200))
                            .build())
                    .build();
            var tracer = provider.get("payments");
            thread = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        "bootstrap.servers", bootstrap,
                        "group.id", "payments-" + topic,
                        "auto.offset.reset", "earliest",
                        "metadata.max.age.ms", "1000",
                        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
                        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"))) {
                    consumer.subscribe(List.of(topic));
                    while (running.get()) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                            Span span = tracer.spanBuilder(topic + " process")
                                    .setParent(KafkaTraceContext.extract(r.headers()))
                                    .setSpanKind(SpanKind.CONSUMER)
                                    .startSpan();
                            span.setStatus(StatusCode.ERROR, "card declined");
                            span.end();
                        }
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            provider.close();
        }
    }
}
