package io.dataops.sit.runner.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/** The seed article's input: an Avro schema and a container file of n records. */
public final class AvroFixtures {

    public static final String SCHEMA = """
            {"type": "record", "name": "InputEvent", "namespace": "io.dataops.example",
             "fields": [
               {"name": "id", "type": "string"},
               {"name": "product", "type": "string"},
               {"name": "amount", "type": "double"},
               {"name": "note", "type": ["null", "string"], "default": null}
             ]}
            """;

    private AvroFixtures() {}

    public static void writeSchema(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, SCHEMA);
    }

    public static void writeRecords(Path file, int count) throws IOException {
        Schema schema = new Schema.Parser().parse(SCHEMA);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, file.toFile());
            for (int i = 1; i <= count; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("id", "order-" + i);
                r.put("product", i % 2 == 0 ? "book" : "pen");
                r.put("amount", 10.0 * i);
                writer.append(r);
            }
        }
    }
}
