package io.dataops.sit.runner.steps;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves a fixture path written in a step. Tried in order: relative to the features folder, relative to
 * the feature file's folder, then by file name alone in both — because ConfigMap keys cannot contain '/',
 * {@code tests/fixtures/input_topic.avro} is mounted as key {@code input_topic.avro}.
 */
final class Fixtures {

    private Fixtures() {
    }

    static Path resolve(String written) {
        String path = written.strip();
        Path featuresDir = ScenarioContext.run().featuresDir();
        Set<Path> candidates = new LinkedHashSet<>();
        Path asGiven = Path.of(path);
        if (asGiven.isAbsolute()) {
            candidates.add(asGiven);
        }
        List<Path> bases = new ArrayList<>();
        bases.add(featuresDir);
        featureDir().ifPresent(bases::add);
        for (Path base : bases) {
            candidates.add(base.resolve(path).normalize());
        }
        for (Path base : bases) {
            candidates.add(base.resolve(asGiven.getFileName().toString()).normalize());
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new StepError(StepError.FIXTURE_NOT_FOUND, "fixture '" + path + "' not found; searched "
                + candidates.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    private static java.util.Optional<Path> featureDir() {
        try {
            String uri = ScenarioContext.world().featureUri();
            if (uri != null && uri.startsWith("file:")) {
                return java.util.Optional.ofNullable(Path.of(URI.create(uri)).getParent());
            }
        } catch (RuntimeException e) {
            // a feature from a non-file URI has no folder of its own
        }
        return java.util.Optional.empty();
    }
}
