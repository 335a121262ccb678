package io.dataops.sit.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Paths in the repository and the pinned versions of e2e/versions.env. */
public final class Repo {

    private Repo() {}

    /** The repository root (the e2e module runs with e2e/ as working directory). */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("e2e/control-plane")) ? here : here.getParent();
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(path("e2e/versions.env"))) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#") && line.contains("=")) {
                    versions.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    public static Path cacheDir() {
        String dir = System.getenv("SIT_CACHE_DIR");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "sit-operator");
    }

    /** Where e2e logs go (operator output, control-plane log tails), kept for debugging failures. */
    public static Path logDir() {
        Path dir = path("e2e/target/e2e-logs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
