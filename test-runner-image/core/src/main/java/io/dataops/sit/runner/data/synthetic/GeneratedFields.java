package io.dataops.sit.runner.data.synthetic;

import io.dataops.sit.runner.data.synthetic.SyntheticRecords.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The fields of a schema a generator fills, by dotted path: the scenario's overrides, and the leaves a boundary or
 * invalid variant may change (every leaf but the overridden ones).
 */
final class GeneratedFields {

    private final Map<String, FieldOverride> overrides = new LinkedHashMap<>();
    private final List<String> variable;

    /**
     * @param leaves  the schema's leaf fields
     * @param known   whether an override's path names something of the schema (a leaf, or more for Avro records)
     * @param schema  how errors name the schema
     */
    GeneratedFields(List<String> leaves, Map<String, String> requested, Predicate<String> known, String schema) {
        requested.forEach((field, spec) -> {
            if (!known.test(field)) {
                throw new IllegalArgumentException(
                        "field " + field + " is not in " + schema + " (fields: " + leaves + ")");
            }
            overrides.put(field, FieldOverride.parse(field, spec));
        });
        variable = new ArrayList<>(leaves);
        variable.removeAll(overrides.keySet());
    }

    FieldOverride override(String path) {
        return overrides.get(path);
    }

    boolean overridden(String path) {
        return overrides.containsKey(path);
    }

    /** The field a variant changes, chosen by the seed; null for a normal record. */
    String target(Variant variant, Random random) {
        return variant == Variant.NORMAL || variable.isEmpty() ? null : variable.get(random.nextInt(variable.size()));
    }
}
