package io.dataops.sit.runner.report;

import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.RunnerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a runner result as JSON, JUnit XML, or a console table. */
public final class Reports {

    private Reports() {
    }

    public static void writeJson(RunnerResult result, Path file) {
        write(file, ResultCodec.write(result));
    }

    public static void writeJunitXml(RunnerResult result, Path file) {
        write(file, "<testsuites/>\n");
    }

    public static String table(RunnerResult result) {
        return "outcome: " + result.getOutcome() + "\n";
    }

    private static void write(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
