package io.dataops.sit.runner.steps;

import io.cucumber.java.en.Given;
import io.dataops.sit.runner.data.DataFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Loading fixture data and its schema. */
public class DataSteps {

    @Given(StepTexts.LOAD_SAMPLE_DATA)
    public void sampleDataIsLoadedFrom(String file) {
        ScenarioWorld world = ScenarioContext.world();
        Path path = Fixtures.resolve(file);
        try {
            world.sampleData = DataFiles.load(path, Optional.empty());
        } catch (DataFiles.SchemaMismatchException e) {
            throw new StepError(StepError.SCHEMA_MISMATCH, e.getMessage(), e);
        } catch (IOException e) {
            throw new StepError(StepError.BAD_INPUT, "cannot read fixture " + path + ": " + e.getMessage(), e);
        }
        world.sampleDataFile = path;
        System.err.println("    loaded " + world.sampleData.size() + " records from " + path.getFileName());
    }

    @Given(StepTexts.WITH_SCHEMA)
    public void withSchema(String file) {
        ScenarioWorld world = ScenarioContext.world();
        Path path = Fixtures.resolve(file);
        try {
            world.schema = DataFiles.parseSchema(path);
        } catch (IOException e) {
            throw new StepError(StepError.SCHEMA_MISMATCH, e.getMessage(), e);
        }
        world.schemaFile = path;
    }
}
