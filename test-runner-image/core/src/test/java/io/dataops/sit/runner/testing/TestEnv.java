package io.dataops.sit.runner.testing;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.env.RunEnvironment;
import io.dataops.sit.runner.steps.StepSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Builds run environments and feature folders for engine tests. */
public final class TestEnv {

    private TestEnv() {}

    public static RunEnvironment kafkaOnly() {
        return new RunEnvironment(
                new SitRun(),
                Map.of("main", SharedKafka.bootstrapServers()),
                Map.of(),
                null,
                Optional.empty(),
                Optional.empty());
    }

    public static RunEnvironment withDatabase(DatabaseConnection db) {
        return new RunEnvironment(
                new SitRun(),
                Map.of("main", SharedKafka.bootstrapServers()),
                Map.of(db.name(), db),
                null,
                Optional.empty(),
                Optional.empty());
    }

    public static RunEnvironment noBroker() {
        return new RunEnvironment(new SitRun(), Map.of(), Map.of(), null, Optional.empty(), Optional.empty());
    }

    /** Short quiet period: the in-process relay reacts within milliseconds. */
    public static StepSettings fastSettings() {
        return StepSettings.defaults().withQuietPeriod(Duration.ofMillis(700));
    }

    public static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
