package io.dataops.sit.operator.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pinned tools the deploy/ tests run (promtool, helm, the gopher-lua runner), found where
 * e2e/control-plane-build/build.sh caches them (~/.cache/sit-operator/&lt;tool&gt;/&lt;version&gt;/bin) and built by it
 * when missing: only a fresh machine pays the build, once per version.
 */
final class DeployTools {

    /**
     * The first build downloads modules and compiles: promtool takes minutes alone, and over 20 on a 2-core machine
     * shared with other builds; a cached one returns at once.
     */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(60);

    private static final Path BUILD_SCRIPT = DeployFiles.ROOT.resolve("e2e/control-plane-build/build.sh");

    private DeployTools() {}

    record Result(List<String> command, int exitCode, String output) {
        Result orFail() {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + ": " + String.join(" ", command) + "\n" + output);
            }
            return this;
        }
    }

    static Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(DeployFiles.ROOT.resolve("e2e/versions.env"))) {
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

    static Path cacheDir() {
        String dir = System.getenv("SIT_CACHE_DIR");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "sit-operator");
    }

    /** promtool at PROMTOOL_VERSION (SIT_PROMTOOL names another one). */
    static Path promtool() {
        return pinned("SIT_PROMTOOL", "promtool", "PROMTOOL_VERSION", "promtool");
    }

    /** helm at HELM_VERSION (SIT_E2E_HELM names another one, as for the e2e suite). */
    static Path helm() {
        return pinned("SIT_E2E_HELM", "helm", "HELM_VERSION", "helm");
    }

    private static Path pinned(String override, String tool, String versionKey, String binary) {
        String explicit = System.getenv(override);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String version = versions().get(versionKey);
        if (version == null) {
            throw new AssertionError(versionKey + " is not set in e2e/versions.env");
        }
        Path built = cacheDir().resolve(tool).resolve(version).resolve("bin").resolve(binary);
        // build.sh returns at once when the marker of a complete build is there; it also rebuilds a half-built one.
        if (!Files.isExecutable(built)
                || !Files.exists(built.getParent().getParent().resolve(".build-complete"))) {
            run(BUILD_TIMEOUT, List.of(BUILD_SCRIPT.toString(), tool), Map.of()).orFail();
        }
        return built;
    }

    static Result run(Duration timeout, List<String> command, Map<String, String> env) {
        try {
            Path output = Files.createTempFile("sit-deploy-tool", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command) + "\n"
                            + Files.readString(output));
                }
                return new Result(command, process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }
}
