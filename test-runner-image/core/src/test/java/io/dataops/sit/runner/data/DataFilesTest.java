package io.dataops.sit.runner.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.runner.testing.AvroFixtures;
import io.dataops.sit.runner.testing.TestEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

    @TempDir
    Path dir;

    @Test
    void jsonObjectArrayAndLines() throws Exception {
        assertThat(DataFiles.load(TestEnv.write(dir, "one.json", "{\"id\": 1, \"tags\": [\"a\"]}"), Optional.empty()))
                .containsExactly(Map.of("id", 1, "tags", List.of("a")));
        assertThat(DataFiles.load(TestEnv.write(dir, "many.json", "[{\"id\": 1}, {\"id\": 2}]"), Optional.empty()))
                .hasSize(2);
        assertThat(DataFiles.load(TestEnv.write(dir, "lines.jsonl", "{\"id\": 1}\n\n{\"id\": 2}\n"), Optional.empty()))
                .hasSize(2);
        assertThat(DataFiles.load(TestEnv.write(dir, "lines.json", "{\"id\": 1}\n{\"id\": 2}\n"), Optional.empty()))
                .hasSize(2);
        assertThatThrownBy(() ->
                        DataFiles.load(TestEnv.write(dir, "bad.jsonl", "{\"id\": 1}\nnot json\n"), Optional.empty()))
                .hasMessageContaining("bad.jsonl:2");
    }

    @Test
    void csvWithHeader() throws Exception {
        List<Map<String, Object>> rows = DataFiles.load(
                TestEnv.write(dir, "orders.csv", "id,product,amount\n1,pen,1.5\n2,\"book, used\",20\n"),
                Optional.empty());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsEntry("product", "book, used").containsEntry("amount", "20");
    }

    @Test
    void avroContainerAndEncodingRoundTrip() throws Exception {
        Path avro = dir.resolve("input.avro");
        AvroFixtures.writeRecords(avro, 3);
        List<Map<String, Object>> records = DataFiles.load(avro, Optional.empty());
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).containsEntry("id", "order-1").containsEntry("amount", 10.0);
        Schema schema = new Schema.Parser().parse(AvroFixtures.SCHEMA);
        byte[] bytes = AvroCodec.encode(records.get(1), schema, "input.avro record 2");
        assertThat(AvroCodec.decodeOrNull(bytes, schema)).isEqualTo(records.get(1));
        assertThat(AvroCodec.decodeOrNull("{\"json\": true}".getBytes(), schema))
                .isNull();
    }

    @Test
    void csvValuesAreConvertedToTheSchemaTypes() throws Exception {
        Schema schema = new Schema.Parser().parse(AvroFixtures.SCHEMA);
        Map<String, Object> row = DataFiles.load(
                        TestEnv.write(dir, "o.csv", "id,product,amount\nx,pen,2.5\n"), Optional.empty())
                .get(0);
        assertThat(AvroCodec.decodeOrNull(AvroCodec.encode(row, schema, "o.csv"), schema))
                .containsEntry("amount", 2.5);
    }

    @Test
    void schemaMismatchNamesTheField() {
        Schema schema = new Schema.Parser().parse(AvroFixtures.SCHEMA);
        assertThatThrownBy(() -> AvroCodec.encode(Map.of("id", "a", "product", "p"), schema, "orders.json record 1"))
                .isInstanceOf(DataFiles.SchemaMismatchException.class)
                .hasMessageContaining("orders.json record 1")
                .hasMessageContaining("'amount'")
                .hasMessageContaining("missing");
        assertThatThrownBy(() ->
                        AvroCodec.encode(Map.of("id", "a", "product", "p", "amount", 1, "colour", "red"), schema, "f"))
                .hasMessageContaining("'colour'")
                .hasMessageContaining("not in schema");
    }

    @Test
    void unknownFormatIsRejected() {
        assertThatThrownBy(() -> DataFiles.load(TestEnv.write(dir, "data.xml", "<a/>"), Optional.empty()))
                .hasMessageContaining("unsupported fixture format");
    }
}
