package io.dataops.sit.runner.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.sit.runner.data.AvroCodec;
import io.dataops.sit.runner.data.DataFiles;
import io.dataops.sit.runner.data.synthetic.SyntheticRecords.Generated;
import io.dataops.sit.runner.data.synthetic.SyntheticRecords.Request;
import io.dataops.sit.runner.data.synthetic.SyntheticRecords.Variant;
import io.dataops.sit.runner.testing.GeneratorSchemas;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated records: deterministic per seed, valid (or invalid) as asked, realistic by field name, overridable. */
class SyntheticRecordsTest {

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
        Request request = new Request(500, 42, 10, 0, Map.of());
        String first = digest(SyntheticRecords.fromAvro(GeneratorSchemas.ORDER, request));
        String again = digest(SyntheticRecords.fromAvro(GeneratorSchemas.ORDER, request));
        String other = digest(SyntheticRecords.fromAvro(GeneratorSchemas.ORDER, new Request(500, 43, 10, 0, Map.of())));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        // The same bytes on every machine and run, not only in this JVM: a change here means a seed no longer
        // reproduces yesterday's data (e.g. a Datafaker upgrade changed its word lists). Update it deliberately.
        assertThat(first).isEqualTo(GOLDEN_SEED_42);
    }

    static final String GOLDEN_SEED_42 = "9a1101bea8d7327ae719d4255a9a76492d281370fccf08dfc91353699c4c1eb8";

    @Test
    void normalAndBoundaryRecordsFitTheSchemaAndInvalidOnesDoNot() {
        Generated generated = SyntheticRecords.fromAvro(GeneratorSchemas.ORDER, new Request(1000, 7, 10, 5, Map.of()));

        assertThat(generated.count(Variant.BOUNDARY)).isEqualTo(100);
        assertThat(generated.count(Variant.INVALID)).isEqualTo(50);
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> record = generated.records().get(i);
            if (generated.variants().get(i) == Variant.INVALID) {
                assertThatThrownBy(() -> AvroCodec.encode(record, GeneratorSchemas.ORDER, "record " + record))
                        .isInstanceOf(DataFiles.SchemaMismatchException.class);
            } else {
                assertThat(encodes(record))
                        .as("record %d (%s) %s", i, generated.variants().get(i), record)
                        .isTrue();
            }
        }
    }

    @Test
    void valuesLookLikeWhatTheFieldIsNamedAfter() {
        Generated generated = SyntheticRecords.fromAvro(GeneratorSchemas.ORDER, Request.of(300, 1));
        Set<Object> emails = new HashSet<>();
        for (Map<String, Object> record : generated.records()) {
            assertThat((String) record.get("email")).matches("[^@\\s]+@[^@\\s]+\\.[a-z]+");
            emails.add(record.get("email"));
            assertThat((String) record.get("first_name")).matches("\\p{Lu}.*");
            assertThat((String) record.get("order_id")).hasSize(36);
            assertThat((Integer) record.get("quantity")).isBetween(1, 100);
            assertThat((Long) record.get("ordered_at"))
                    .isBetween(TypicalValues.BASE_MILLIS, TypicalValues.BASE_MILLIS + TypicalValues.YEAR_MILLIS);
        }
        assertThat(emails)
                .as("e-mail addresses are unique, as an e-mail column usually must be")
                .hasSize(300);
        assertThat(generated.records().get(0).get("id")).isEqualTo(1L);
        assertThat(generated.records().get(299).get("id")).isEqualTo(300L);
    }

    @Test
    void overridesReplaceTheGeneratedValues() {
        Generated generated = SyntheticRecords.fromAvro(
                GeneratorSchemas.ORDER,
                new Request(
                        50,
                        3,
                        0,
                        0,
                        Map.of(
                                "status", "one of NEW, CLOSED",
                                "id", "sequence from 1000",
                                "quantity", "between 5 and 6",
                                "note", "null",
                                "customer.city", "Gent",
                                "customer.name", "#{Name.lastName}")));
        for (int i = 0; i < 50; i++) {
            Map<String, Object> record = generated.records().get(i);
            assertThat(record.get("status")).isIn("NEW", "CLOSED");
            assertThat(record.get("id")).isEqualTo(1000L + i);
            assertThat(((Number) record.get("quantity")).longValue()).isBetween(5L, 6L);
            assertThat(record.get("note")).isNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> customer = (Map<String, Object>) record.get("customer");
            assertThat(customer.get("city")).isEqualTo("Gent");
            assertThat((String) customer.get("name")).isNotBlank().doesNotContain("#{");
            assertThat(encodes(record)).isTrue();
        }
        assertThatThrownBy(() -> SyntheticRecords.fromAvro(
                        GeneratorSchemas.ORDER, new Request(1, 3, 0, 0, Map.of("colour", "red"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour")
                .hasMessageContaining("customer.city");
        assertThatThrownBy(() -> new Request(1, 3, 60, 50, Map.of())).hasMessageContaining("between 0 and 100");
    }

    @Test
    void jsonSchemaRecordsKeepTheStatedRulesUnlessInvalid() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(GeneratorSchemas.ORDER_JSON_SCHEMA);
        Generated generated = SyntheticRecords.fromJsonSchema(schema, new Request(600, 9, 20, 10, Map.of()));
        Generated again = SyntheticRecords.fromJsonSchema(schema, new Request(600, 9, 20, 10, Map.of()));
        assertThat(again.records()).isEqualTo(generated.records());

        for (int i = 0; i < 600; i++) {
            Map<String, Object> record = generated.records().get(i);
            List<String> broken = brokenRules(record);
            if (generated.variants().get(i) == Variant.INVALID) {
                assertThat(broken).as("invalid record %d %s", i, record).hasSize(1);
            } else {
                assertThat(broken)
                        .as("%s record %d %s", generated.variants().get(i), i, record)
                        .isEmpty();
            }
        }
        assertThat(generated.records().stream()
                        .filter(r -> r.get("code") != null)
                        .map(r -> r.get("code")))
                .as("a boundary variant reaches the stated lengths")
                .anyMatch(code -> ((String) code).length() == 3)
                .anyMatch(code -> ((String) code).length() == 5);
    }

    /** The rules of GeneratorSchemas.ORDER_JSON_SCHEMA a record breaks. */
    private static List<String> brokenRules(Map<String, Object> record) {
        List<String> broken = new ArrayList<>();
        for (String required : List.of("id", "email", "status", "amount")) {
            if (!record.containsKey(required)) {
                broken.add("missing " + required);
            }
        }
        if (record.containsKey("id") && !(record.get("id") instanceof Long)) {
            broken.add("id type");
        }
        if (record.get("email") != null && !(record.get("email") instanceof String s && s.contains("@"))) {
            broken.add("email");
        }
        if (record.containsKey("status") && !List.of("NEW", "SHIPPED").contains(record.get("status"))) {
            broken.add("status enum");
        }
        if (record.containsKey("amount")) {
            if (!(record.get("amount") instanceof Number n)) {
                broken.add("amount type");
            } else if (new BigDecimal(n.toString()).compareTo(BigDecimal.ZERO) < 0
                    || new BigDecimal(n.toString()).compareTo(new BigDecimal(500)) > 0) {
                broken.add("amount range");
            }
        }
        if (record.containsKey("code")
                && !(record.get("code") instanceof String s && s.length() >= 3 && s.length() <= 5)) {
            broken.add("code length");
        }
        if (record.containsKey("lines") && !(record.get("lines") instanceof List<?> l && l.size() <= 3)) {
            broken.add("lines");
        }
        if (record.containsKey("created") && !(record.get("created") instanceof String)) {
            broken.add("created type");
        }
        return broken;
    }

    private static boolean encodes(Map<String, Object> record) {
        try {
            AvroCodec.encode(record, GeneratorSchemas.ORDER, "generated");
            return true;
        } catch (DataFiles.SchemaMismatchException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String digest(Generated generated) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Map<String, Object> record : generated.records()) {
            all.write(AvroCodec.encode(record, GeneratorSchemas.ORDER, "generated"));
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.toByteArray()));
    }
}
