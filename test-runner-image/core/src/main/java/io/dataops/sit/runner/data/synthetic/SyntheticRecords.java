package io.dataops.sit.runner.data.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.apache.avro.Schema;

/**
 * Records generated from a schema (Avro or JSON Schema): realistic values by field name and type, boundary and
 * invalid variants on request, field overrides, and the same records for the same seed on every run and machine.
 */
public final class SyntheticRecords {

    /** What a generated record is meant to exercise. */
    public enum Variant {
        /** Realistic values that satisfy the schema. */
        NORMAL,
        /** Still valid, with one field at an edge of its type or constraints (min, max, empty, null, far dates). */
        BOUNDARY,
        /** One field breaks the schema (wrong type, missing required field, out of range): a consumer must reject it. */
        INVALID
    }

    /**
     * @param count            how many records
     * @param seed             the same seed gives the same records
     * @param boundaryPercent  share of the records that are boundary variants (rounded to whole records)
     * @param invalidPercent   share of the records that are invalid variants
     * @param overrides        field path (dots for nested fields) -> a literal or a generator, see {@link Override}
     */
    public record Request(
            int count, long seed, int boundaryPercent, int invalidPercent, Map<String, String> overrides) {
        public Request {
            if (count < 0) {
                throw new IllegalArgumentException("a record count cannot be negative: " + count);
            }
            if (boundaryPercent < 0 || invalidPercent < 0 || boundaryPercent + invalidPercent > 100) {
                throw new IllegalArgumentException("boundary (" + boundaryPercent + "%) and invalid (" + invalidPercent
                        + "%) shares must be between 0 and 100 in all");
            }
            overrides = Map.copyOf(overrides);
        }

        public static Request of(int count, long seed) {
            return new Request(count, seed, 0, 0, Map.of());
        }
    }

    /** The records, in order, and what each one is. */
    public record Generated(List<Map<String, Object>> records, List<Variant> variants) {
        public Generated {
            if (variants.isEmpty()) {
                variants = Collections.nCopies(records.size(), Variant.NORMAL);
            }
        }

        public long count(Variant variant) {
            return variants.stream().filter(variant::equals).count();
        }
    }

    private SyntheticRecords() {}

    public static Generated fromAvro(Schema schema, Request request) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("records are generated from an Avro record schema, not a "
                    + schema.getType().getName());
        }
        return generate(request, new AvroRecordGenerator(schema, request));
    }

    public static Generated fromJsonSchema(JsonNode schema, Request request) {
        return generate(request, new JsonSchemaRecordGenerator(schema, request));
    }

    /**
     * The records one at a time, for more than fit in memory (a table seeded with millions of rows): the same
     * records as {@link #fromJsonSchema}.
     */
    public static Iterator<Map<String, Object>> iterateJsonSchema(JsonNode schema, Request request) {
        return iterate(request, new JsonSchemaRecordGenerator(schema, request));
    }

    /** One record of a variant; {@code index} is the record's place in the output (sequences, unique values). */
    interface RecordGenerator {
        Map<String, Object> next(int index, Variant variant, Random random);
    }

    private static Generated generate(Request request, RecordGenerator generator) {
        List<Map<String, Object>> records = new ArrayList<>(request.count());
        iterate(request, generator).forEachRemaining(records::add);
        return new Generated(records, variants(request));
    }

    private static Iterator<Map<String, Object>> iterate(Request request, RecordGenerator generator) {
        List<Variant> variants = variants(request);
        // One stream of random numbers for the values, in record order: the output depends on the seed only.
        Random random = new Random(request.seed());
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < request.count();
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Variant variant = variants.isEmpty() ? Variant.NORMAL : variants.get(next);
                return generator.next(next++, variant, random);
            }
        };
    }

    /** Which records are boundary or invalid: exact shares, at places chosen by the seed. */
    static List<Variant> variants(Request request) {
        if (request.boundaryPercent() == 0 && request.invalidPercent() == 0) {
            return List.of(); // all normal: no list as long as the records (a table of millions of rows)
        }
        int boundary = Math.round(request.count() * request.boundaryPercent() / 100f);
        int invalid = Math.round(request.count() * request.invalidPercent() / 100f);
        List<Variant> variants = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            variants.add(i < boundary ? Variant.BOUNDARY : i < boundary + invalid ? Variant.INVALID : Variant.NORMAL);
        }
        Collections.shuffle(variants, new Random(request.seed() ^ 0x5DEECE66DL));
        return variants;
    }
}
