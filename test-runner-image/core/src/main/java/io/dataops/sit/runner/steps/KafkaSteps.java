package io.dataops.sit.runner.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.runner.data.AvroCodec;
import io.dataops.sit.runner.data.DataFiles;
import io.dataops.sit.runner.data.JsonSchemas;
import io.dataops.sit.runner.trace.FlowTraces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishing fixtures to Kafka and consuming results on a checkpoint. */
public class KafkaSteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScenarioWorld world;
    private final RunContext run;

    public KafkaSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @Given(StepTexts.PUBLISH_TO_TOPIC)
    public void publishedToKafkaTopic(String written) {
        publish(written, false);
    }

    /**
     * As {@link #publishedToKafkaTopic}, with the schema registered under the topic's value subject and every value
     * in the registry wire format, as Confluent-style serializers write it.
     */
    @Given(StepTexts.PUBLISH_WITH_SCHEMA_REGISTRY)
    public void publishedWithSchemaRegistry(String written) {
        publish(written, true);
    }

    private void publish(String written, boolean withRegistry) {
        TopicRef ref = TopicRef.parse(written);
        String topic = ref.topic();
        if (world.sampleData == null) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "nothing to publish to " + topic + ": load data first with 'sample data is loaded from: <file>'");
        }
        String source = world.sampleDataFile.getFileName().toString();
        if (world.jsonSchema != null) {
            requireJsonSchemaMatch(source);
        }
        // Registered before anything is encoded: a refused schema publishes nothing.
        Integer schemaId = withRegistry ? registerSchema(topic) : null;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<FlowTraces.Publish> flows = new ArrayList<>();
        int index = 0;
        for (Map<String, Object> values : world.sampleData) {
            index++;
            byte[] value;
            if (world.schema != null && world.invalidRecords.contains(index - 1)) {
                // generated to break the schema: sent as JSON, which the consumers' Avro deserializer must reject
                try {
                    value = JSON.writeValueAsBytes(values);
                } catch (JsonProcessingException e) {
                    throw new StepError(
                            RunReason.BAD_INPUT, source + " record " + index + ": " + e.getOriginalMessage());
                }
            } else if (world.schema != null) {
                try {
                    value = AvroCodec.encode(values, world.schema, source + " record " + index);
                } catch (DataFiles.SchemaMismatchException e) {
                    throw new StepError(
                            RunReason.SCHEMA_MISMATCH,
                            e.getMessage() + " (schema " + world.schemaFile.getFileName() + ")");
                }
            } else {
                try {
                    value = JSON.writeValueAsBytes(values);
                } catch (JsonProcessingException e) {
                    throw new StepError(
                            RunReason.BAD_INPUT, source + " record " + index + ": " + e.getOriginalMessage());
                }
            }
            if (schemaId != null && !world.invalidRecords.contains(index - 1)) {
                value = SchemaRegistryClient.frame(schemaId, value);
            }
            String correlationId = UUID.randomUUID().toString();
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(topic, null, correlationId.getBytes(StandardCharsets.UTF_8), value);
            record.headers().add(KafkaIo.CORRELATION_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
            if (run.traces() != null) {
                flows.add(run.traces().startPublish(topic, correlationId, record.headers()));
            }
            records.add(record);
        }
        String bootstrap = ref.bootstrap(run);
        try (Admin admin = KafkaIo.admin(bootstrap)) {
            KafkaIo.requireReachable(admin, bootstrap, run.settings().brokerTimeout());
            KafkaIo.ensureTopic(admin, topic);
        }
        if (!world.endsBeforePublishing.containsKey(bootstrap)) {
            world.endsBeforePublishing.put(
                    bootstrap,
                    KafkaIo.endOffsetsOfAllTopics(bootstrap, run.settings().brokerTimeout()));
        }
        try {
            world.produced
                    .computeIfAbsent(ref.toString(), t -> new ArrayList<>())
                    .addAll(KafkaIo.produce(bootstrap, topic, records));
        } catch (StepError e) {
            flows.forEach(f -> f.fail(e.getMessage()));
            throw e;
        }
        List<FlowSteps.PublishedFlow> published =
                world.publishedFlows.computeIfAbsent(ref.toString(), t -> new ArrayList<>());
        for (FlowTraces.Publish flow : flows) {
            flow.end();
            published.add(new FlowSteps.PublishedFlow(flow.traceId(), flow.startEpochNanos()));
        }
        world.publishedTopics.add(ref.toString());
        world.lastPublishedAt = Instant.now();
        if (world.schema != null) {
            world.topicSchemas.put(ref.toString(), world.schema);
            schemaHint(world, run, ref.toString());
        }
        System.err.println("    published " + records.size() + " records to " + topic
                + (world.schema != null ? " (Avro, " + world.schema.getFullName() + ")" : " (JSON)")
                + (schemaId != null
                        ? " in the registry wire format, schema id " + schemaId + " of subject "
                                + SchemaRegistryClient.valueSubject(topic)
                        : "")
                + (world.schema != null && !world.invalidRecords.isEmpty()
                        ? "; " + world.invalidRecords.size() + " generated invalid, sent as JSON"
                        : ""));
    }

    /** The scenario's schema registered under {@code <topic>-value}: its id, which the wire format carries. */
    private int registerSchema(String topic) {
        String url = run.env()
                .variable(RunContract.ENV_SIT_SCHEMA_REGISTRY_URL)
                .orElseThrow(() -> new StepError(
                        RunReason.SCHEMA_REGISTRY_UNREACHABLE,
                        "this run has no schema registry (" + RunContract.ENV_SIT_SCHEMA_REGISTRY_URL + " is not set):"
                                + " set spec.schemaRegistry.enabled: true in the SitRun"));
        SchemaRegistryClient.SchemaType type;
        String schema;
        if (world.schema != null) {
            type = SchemaRegistryClient.SchemaType.AVRO;
            schema = world.schema.toString();
        } else if (world.jsonSchema != null && world.schemaFile != null) {
            type = SchemaRegistryClient.SchemaType.JSON;
            try {
                schema = Files.readString(world.schemaFile);
            } catch (IOException e) {
                throw new StepError(
                        RunReason.FIXTURE_UNREADABLE, "cannot read schema " + world.schemaFile + ": " + e.getMessage());
            }
        } else {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "publishing to " + topic + " with the schema registry needs a schema: add 'with schema: "
                            + "<file.avsc|file.json>' (or generate the records from an .avsc schema)");
        }
        String subject = SchemaRegistryClient.valueSubject(topic);
        return new SchemaRegistryClient(url).register(subject, type, schema);
    }

    /** Every record (but those generated invalid on purpose) matches, or nothing is published. */
    private void requireJsonSchemaMatch(String source) {
        for (int i = 0; i < world.sampleData.size(); i++) {
            if (world.invalidRecords.contains(i)) {
                continue;
            }
            List<String> problems = JsonSchemas.problems(world.jsonSchema, world.sampleData.get(i));
            if (!problems.isEmpty()) {
                throw new StepError(
                        RunReason.SCHEMA_MISMATCH,
                        source + " record " + (i + 1) + " does not match " + world.schemaFile.getFileName() + ": "
                                + String.join("; ", problems) + " (nothing was published)");
            }
        }
    }

    @When(StepTexts.CONSUME_ON_CHECKPOINT)
    public void resultConsumedOnCheckpoint(String written) {
        TopicRef ref = TopicRef.parse(written);
        world.resultTopic = ref.toString();
        String bootstrap = ref.bootstrap(run);
        world.result = KafkaIo.readToCheckpoint(
                bootstrap,
                ref.topic(),
                world.readsStartAt(bootstrap),
                schemaHint(world, run, ref.toString()),
                Duration.ofSeconds(60),
                run.settings().brokerTimeout());
        System.err.println("    consumed " + world.result.size() + " records from " + ref
                + (world.topicsIsolated() ? " since the scenario started (@isolated)" : ""));
    }

    /** The schema to try when decoding a topic: its own, else the scenario's (a pass-through keeps the encoding). */
    static Schema schemaHint(ScenarioWorld world, RunContext run, String topic) {
        Schema hint = world.topicSchemas.getOrDefault(topic, world.schema);
        if (hint != null) {
            // The data evidence shows this topic's records decoded with the same schema.
            try {
                TopicRef ref = TopicRef.parse(topic);
                String broker = ref.broker() != null
                        ? ref.broker()
                        : run.env().brokers().keySet().stream().findFirst().orElse(null);
                run.touchedData().addTopicSchema(broker, ref.topic(), hint);
            } catch (RuntimeException e) {
                // evidence only: a topic the steps cannot name is reported by the step itself
            }
        }
        return hint;
    }
}
