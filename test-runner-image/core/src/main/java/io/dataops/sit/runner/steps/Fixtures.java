package io.dataops.sit.runner.steps;

import io.dataops.sit.api.RunReason;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves a fixture path written in a step. Tried in order: relative to the features folder, relative to
 * the feature file's folder, then by file name alone in both — because ConfigMap keys cannot contain '/',
 * {@code tests/fixtures/input_topic.avro} is mounted as key {@code input_topic.avro}.
 *
 * <p>Only files inside the features folder are read (issue 8): in a cluster the runner's file system also holds
 * its service-account token and the run's AWS credentials, and a feature must not publish them. An absolute
 * path or one that climbs out with {@code ..} is only looked up by its file name, inside the folder.
 */
final class Fixtures {

    private Fixtures() {}

    static Path resolve(String written, RunContext run, ScenarioWorld world) {
        return resolve(written, run.featuresDir(), featureDir(world));
    }

    static Path resolve(String written, Path featuresDir, Optional<Path> featureDir) {
        String path = written.strip();
        Path root = featuresDir.toAbsolutePath().normalize();
        Path asGiven = Path.of(path);
        List<Path> bases = new ArrayList<>();
        bases.add(root);
        featureDir
                .map(d -> d.toAbsolutePath().normalize())
                .filter(d -> d.startsWith(root))
                .ifPresent(bases::add);
        Set<Path> candidates = new LinkedHashSet<>();
        boolean outside = asGiven.isAbsolute();
        if (!asGiven.isAbsolute()) {
            for (Path base : bases) {
                Path candidate = base.resolve(path).normalize();
                if (candidate.startsWith(root)) {
                    candidates.add(candidate);
                } else {
                    outside = true;
                }
            }
        }
        Path fileName = asGiven.getFileName();
        if (fileName != null && !fileName.toString().equals("..")) {
            for (Path base : bases) {
                candidates.add(base.resolve(fileName.toString()).normalize());
            }
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && staysInside(candidate, root)) {
                return candidate;
            }
        }
        throw new StepError(
                RunReason.FIXTURE_NOT_FOUND,
                "fixture '" + path + "' not found; searched "
                        + candidates.stream().map(Path::toString).collect(Collectors.joining(", "))
                        + (outside ? " (fixtures are only read from inside the features folder " + root + ")" : ""));
    }

    /** The file itself, symbolic links followed, is inside the features folder. */
    private static boolean staysInside(Path file, Path root) {
        try {
            return file.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> featureDir(ScenarioWorld world) {
        try {
            String uri = world.featureUri();
            if (uri != null && uri.startsWith("file:")) {
                return Optional.ofNullable(Path.of(URI.create(uri)).getParent());
            }
        } catch (RuntimeException e) {
            // a feature from a non-file URI has no folder of its own
        }
        return Optional.empty();
    }
}
