package io.dataops.sit.runner.steps;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Then;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.ThresholdResult;
import io.dataops.sit.runner.data.AvroCodec;
import io.dataops.sit.runner.data.DataFiles;
import io.dataops.sit.runner.data.JsonSchemaCompatibility;
import io.dataops.sit.runner.data.JsonSchemas;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Contracts on what the systems produce: every record of an output topic against an Avro or JSON Schema, and a
 * schema's backward compatibility with its previous version (Avro, or JSON Schema by {@link JsonSchemaCompatibility}).
 * Each is recorded as a threshold (expected vs actual).
 */
public class ContractSteps {

    /** Failures named in a message, at most: the count says how many there were. */
    private static final int EXAMPLES = 3;

    private final ScenarioWorld world;
    private final RunContext run;

    public ContractSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @Then(StepTexts.TOPIC_MATCHES_SCHEMA)
    public void everyRecordMatches(String written, String file) {
        TopicRef ref = TopicRef.parse(written);
        Path path = Fixtures.resolve(file, run, world);
        List<String> failures = new ArrayList<>();
        long total;
        try {
            if (JsonSchemas.isJsonSchema(path)) {
                var schema = JsonSchemas.read(path);
                List<KafkaIo.Consumed> records = KafkaIo.readToCheckpoint(
                        ref.bootstrap(run),
                        ref.topic(),
                        world.readsStartAt(ref.bootstrap(run)),
                        null,
                        Duration.ofSeconds(60),
                        run.settings().brokerTimeout());
                total = records.size();
                for (KafkaIo.Consumed record : records) {
                    List<String> problems = record.value() instanceof String
                            ? List.of("not JSON")
                            : JsonSchemas.problems(schema, record.value());
                    if (!problems.isEmpty()) {
                        failures.add(where(record.partition(), record.offset()) + ": " + String.join("; ", problems));
                    }
                }
            } else {
                Schema schema = DataFiles.parseSchema(path);
                List<KafkaIo.RawRecord> records = KafkaIo.readRawToCheckpoint(
                        ref.bootstrap(run),
                        ref.topic(),
                        world.readsStartAt(ref.bootstrap(run)),
                        Duration.ofSeconds(60),
                        run.settings().brokerTimeout());
                total = records.size();
                for (KafkaIo.RawRecord record : records) {
                    if (!fitsAvro(record.value(), schema)) {
                        failures.add(where(record.partition(), record.offset()) + ": not one " + schema.getFullName()
                                + " record (plain or schema-registry framed Avro)");
                    }
                }
            }
        } catch (IOException e) {
            throw new StepError(RunReason.SCHEMA_MISMATCH, "cannot read schema " + path + ": " + e.getMessage(), e);
        }
        ThresholdResult r = new ThresholdResult(
                "every record on " + ref + " matches " + path.getFileName(),
                BigDecimal.valueOf(total),
                BigDecimal.ZERO,
                BigDecimal.valueOf(total - failures.size()),
                failures.isEmpty());
        if (!failures.isEmpty()) {
            r.setMessage(Redaction.safe(failures.size() + " of " + total + " records do not match: "
                    + String.join(" | ", failures.subList(0, Math.min(EXAMPLES, failures.size())))));
        } else if (total == 0) {
            r.setMessage(
                    world.topicsIsolated()
                            ? "the topic got no record since the scenario started (@isolated)"
                            : "the topic holds no record up to the checkpoint");
        }
        run.record(world, r);
    }

    @Then(StepTexts.SCHEMA_BACKWARD_COMPATIBLE)
    public void backwardCompatible(String newer, String older) {
        Path newPath = Fixtures.resolve(newer, run, world);
        Path oldPath = Fixtures.resolve(older, run, world);
        if (JsonSchemas.isJsonSchema(newPath) != JsonSchemas.isJsonSchema(oldPath)) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "cannot compare " + newPath.getFileName() + " with " + oldPath.getFileName()
                            + ": compare an Avro schema (.avsc) with an Avro schema, a JSON Schema with a JSON Schema");
        }
        List<String> incompatibilities = JsonSchemas.isJsonSchema(newPath)
                ? jsonSchemaIncompatibilities(newPath, oldPath)
                : avroIncompatibilities(newPath, oldPath);
        boolean compatible = incompatibilities.isEmpty();
        ThresholdResult r = new ThresholdResult(
                "schema " + newPath.getFileName() + " is backward compatible with " + oldPath.getFileName(),
                BigDecimal.ONE,
                BigDecimal.ZERO,
                compatible ? BigDecimal.ONE : BigDecimal.ZERO,
                compatible);
        if (!compatible) {
            r.setMessage((incompatibilities.size() > EXAMPLES ? incompatibilities.size() + " incompatibilities, " : "")
                    + String.join(" | ", incompatibilities.subList(0, Math.min(EXAMPLES, incompatibilities.size()))));
        }
        run.record(world, r);
    }

    /** Backward: consumers on the new schema read what producers on the old one wrote (Avro's reader/writer check). */
    private static List<String> avroIncompatibilities(Path newPath, Path oldPath) {
        Schema reader;
        Schema writer;
        try {
            reader = DataFiles.parseSchema(newPath);
            writer = DataFiles.parseSchema(oldPath);
        } catch (IOException e) {
            throw new StepError(RunReason.SCHEMA_MISMATCH, e.getMessage(), e);
        }
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult();
        if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> found = result.getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .toList();
        return found.isEmpty() ? List.of("incompatible") : found;
    }

    /** Backward: every document valid under the old JSON Schema is valid under the new one. */
    private static List<String> jsonSchemaIncompatibilities(Path newPath, Path oldPath) {
        JsonNode newSchema;
        JsonNode oldSchema;
        try {
            newSchema = JsonSchemas.readChecked(newPath);
            oldSchema = JsonSchemas.readChecked(oldPath);
        } catch (IOException e) {
            throw new StepError(RunReason.SCHEMA_MISMATCH, "cannot read schema: " + e.getMessage(), e);
        }
        return JsonSchemaCompatibility.backward(newSchema, oldSchema).stream()
                .map(JsonSchemaCompatibility.Incompatibility::toString)
                .toList();
    }

    static boolean fitsAvro(byte[] value, Schema schema) {
        if (value == null) {
            return false;
        }
        if (AvroCodec.decodeOrNull(value, schema) != null) {
            return true;
        }
        // Schema-registry wire format: magic byte 0 and a 4-byte schema id before the Avro bytes.
        return value.length > 5
                && value[0] == 0
                && AvroCodec.decodeOrNull(Arrays.copyOfRange(value, 5, value.length), schema) != null;
    }

    private static String where(int partition, long offset) {
        return "partition " + partition + " offset " + offset;
    }
}
