package io.dataops.sit.runner.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.runner.data.AvroCodec;
import io.dataops.sit.runner.testing.AvroFixtures;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class DecodeTest {

    static final Schema SCHEMA = new Schema.Parser().parse(AvroFixtures.SCHEMA);
    static final Map<String, Object> RECORD = Map.of("id", "o1", "product", "pen", "amount", 2.5);

    @Test
    void plainAvroThenWireFormatThenJsonThenText() throws Exception {
        byte[] avro = AvroCodec.encode(RECORD, SCHEMA, "t");
        Map<String, Object> expected = new HashMap<>(RECORD);
        expected.put("note", null);
        assertThat(KafkaIo.decodeValue(avro, SCHEMA)).isEqualTo(expected);
        byte[] wire = new byte[avro.length + 5];
        wire[4] = 7; // schema id 7
        System.arraycopy(avro, 0, wire, 5, avro.length);
        assertThat(KafkaIo.decodeValue(wire, SCHEMA))
                .isInstanceOf(Map.class)
                .extracting(m -> ((Map<?, ?>) m).get("id"))
                .isEqualTo("o1");
        assertThat(KafkaIo.decodeValue("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), SCHEMA))
                .isEqualTo(Map.of("a", 1));
        assertThat(KafkaIo.decodeValue("plain text".getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo("plain text");
        assertThat(KafkaIo.decodeValue(null, SCHEMA)).isNull();
    }
}
