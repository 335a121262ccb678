package io.dataops.sit.runner.steps;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.runner.data.DataFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Loading fixture data and its schema. */
public class DataSteps {

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
    }

    @Given(StepTexts.INLINE_SAMPLE_ROWS)
    public void sampleDataRows(DataTable table) {
        world.sampleData = new ArrayList<>();
        for (Map<String, String> row : table.asMaps()) {
            world.sampleData.add(new LinkedHashMap<>(row));
        }
        world.sampleDataFile = Path.of("inline-sample-rows");
    }

    @Given(StepTexts.WITH_SCHEMA)
    public void withSchema(String file) {
        Path path = Fixtures.resolve(file, run, world);
        try {
            world.schema = DataFiles.parseSchema(path);
        } catch (IOException e) {
            throw new StepError(RunReason.SCHEMA_MISMATCH, e.getMessage(), e);
        }
        world.schemaFile = path;
    }
}
