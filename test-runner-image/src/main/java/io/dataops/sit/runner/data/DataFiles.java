package io.dataops.sit.runner.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads fixture records from JSON, JSON lines, CSV or Avro container files. */
public final class DataFiles {

    private DataFiles() {
    }

    public static List<Map<String, Object>> load(Path file, Optional<Path> avroSchema) throws IOException {
        throw new IOException("not implemented yet: " + file);
    }
}
