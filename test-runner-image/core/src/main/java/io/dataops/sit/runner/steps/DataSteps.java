package io.dataops.sit.runner.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.runner.data.DataFiles;
import io.dataops.sit.runner.data.JsonSchemas;
import io.dataops.sit.runner.data.synthetic.SyntheticRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loading fixture data and its schema, or generating records from a schema. */
public class DataSteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScenarioWorld world;
    private final RunContext run;

    public DataSteps(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @Given(StepTexts.LOAD_SAMPLE_DATA)
    public void sampleDataIsLoadedFrom(String file) {
        Path path = Fixtures.resolve(file, run, world);
        try {
            world.sampleData = DataFiles.load(path, Optional.empty());
        } catch (DataFiles.SchemaMismatchException e) {
            throw new StepError(RunReason.SCHEMA_MISMATCH, e.getMessage(), e);
        } catch (IOException e) {
            throw new StepError(RunReason.BAD_INPUT, "cannot read fixture " + path + ": " + e.getMessage(), e);
        }
        world.sampleDataFile = path;
        world.invalidRecords.clear();
        System.err.println("    loaded " + world.sampleData.size() + " records from " + path.getFileName());
    }

    @Given(StepTexts.INLINE_SAMPLE_DATA)
    public void sampleDataIs(String docString) {
        try {
            world.sampleData = DataFiles.parseJsonText(docString, "inline sample data");
        } catch (IOException e) {
            throw new StepError(RunReason.BAD_INPUT, e.getMessage(), e);
        }
        world.sampleDataFile = Path.of("inline-sample-data");
        world.invalidRecords.clear();
    }

    @Given(StepTexts.INLINE_SAMPLE_ROWS)
    public void sampleDataRows(DataTable table) {
        world.sampleData = new ArrayList<>();
        for (Map<String, String> row : table.asMaps()) {
            world.sampleData.add(new LinkedHashMap<>(row));
        }
        world.sampleDataFile = Path.of("inline-sample-rows");
        world.invalidRecords.clear();
    }

    @Given(StepTexts.GENERATE_FROM_SCHEMA)
    public void recordsGenerated(int count, String file, long seed, Integer boundary, Integer invalid) {
        generate(count, file, seed, boundary, invalid, Map.of());
    }

    @Given(StepTexts.GENERATE_FROM_SCHEMA_WHERE)
    public void recordsGeneratedWhere(
            int count, String file, long seed, Integer boundary, Integer invalid, DataTable fields) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (List<String> row : fields.asLists()) {
            if (row.size() != 2) {
                throw new StepError(
                        RunReason.BAD_INPUT, "each row of the table names a field and its value or generator: " + row);
            }
            if (!row.get(0).equalsIgnoreCase("field")) {
                overrides.put(row.get(0).strip(), row.get(1) == null ? "null" : row.get(1));
            }
        }
        generate(count, file, seed, boundary, invalid, overrides);
    }

    private void generate(
            int count, String file, long seed, Integer boundary, Integer invalid, Map<String, String> overrides) {
        Path path = Fixtures.resolve(file, run, world);
        SyntheticRecords.Generated generated;
        try {
            var request = new SyntheticRecords.Request(
                    count, seed, boundary == null ? 0 : boundary, invalid == null ? 0 : invalid, overrides);
            if (file.endsWith(".avsc")) {
                world.schema = DataFiles.parseSchema(path);
                world.schemaFile = path;
                world.jsonSchema = null;
                generated = SyntheticRecords.fromAvro(world.schema, request);
            } else {
                JsonNode schema = JSON.readTree(path.toFile());
                world.schema = null; // published as JSON
                world.jsonSchema = null; // generated to match it (the invalid ones on purpose)
                world.schemaFile = null;
                generated = SyntheticRecords.fromJsonSchema(schema, request);
            }
        } catch (IOException e) {
            throw new StepError(RunReason.BAD_INPUT, "cannot read schema " + path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StepError(RunReason.BAD_INPUT, path.getFileName() + ": " + e.getMessage(), e);
        }
        world.sampleData = generated.records();
        world.sampleDataFile = Path.of("generated from " + path.getFileName());
        world.invalidRecords.clear();
        for (int i = 0; i < generated.variants().size(); i++) {
            if (generated.variants().get(i) == SyntheticRecords.Variant.INVALID) {
                world.invalidRecords.add(i);
            }
        }
        System.err.println("    generated " + count + " records from " + path.getFileName() + " (seed " + seed + "): "
                + generated.count(SyntheticRecords.Variant.NORMAL) + " normal, "
                + generated.count(SyntheticRecords.Variant.BOUNDARY) + " boundary, "
                + generated.count(SyntheticRecords.Variant.INVALID) + " invalid");
    }

    @Given(StepTexts.WITH_SCHEMA)
    public void withSchema(String file) {
        Path path = Fixtures.resolve(file, run, world);
        try {
            if (JsonSchemas.isJsonSchema(path)) {
                // JSON records checked against a JSON Schema before any is published
                world.jsonSchema = JsonSchemas.read(path);
                world.schema = null;
            } else {
                world.schema = DataFiles.parseSchema(path);
                world.jsonSchema = null;
            }
        } catch (IOException | RuntimeException e) {
            throw new StepError(RunReason.SCHEMA_MISMATCH, "cannot read schema " + path + ": " + e.getMessage(), e);
        }
        world.schemaFile = path;
    }
}
