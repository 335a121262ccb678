package io.dataops.sit.api.v1alpha1.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a database's seed masks, worked out from the spec alone (so the seed can refuse to load unmasked personal
 * data before it starts, and the same answer holds when unchanged steps are skipped):
 *
 * <ul>
 *   <li>a CSV step masks its csv.mask columns while loading, in the column's masking.columns format (else auto);
 *   <li>those columns count as masked only if that step is the last to write the table: a later csv or generate
 *       step on the table replaces its rows, and a later sql step may write any table;
 *   <li>every masking.columns entry not masked that way is rewritten in place after the seed steps.
 * </ul>
 *
 * Names compare case-insensitively, and {@code public.t} is {@code t}.
 */
public final class MaskingPlan {

    /** A column masked with a format; {@code qualified()} is table.column as the spec spells it. */
    public record Column(String table, String column, MaskFormat as) {
        public String qualified() {
            return table + "." + column;
        }
    }

    private final Map<String, MaskFormat> formats = new LinkedHashMap<>();
    private final List<Column> maskedWhileLoading = new ArrayList<>();
    private final List<Column> maskedInPlace = new ArrayList<>();
    private final List<String> declared = new ArrayList<>();
    private final List<String> unmasked = new ArrayList<>();

    private MaskingPlan() {}

    public static MaskingPlan of(DatabaseSpec db) {
        MaskingPlan plan = new MaskingPlan();
        MaskingSpec masking = db.getMasking() == null ? new MaskingSpec() : db.getMasking();
        for (MaskedColumn c : masking.getColumns()) {
            plan.formats.putIfAbsent(key(c.getTable(), c.getColumn()), c.formatOrDefault());
        }
        // table key -> the CSV step that last wrote it, if its masking still holds at the end
        Map<String, CsvSeed> lastWriter = new LinkedHashMap<>();
        for (SeedStep step : db.getSeed()) {
            if (step.getCsv() != null) {
                lastWriter.put(tableKey(step.getCsv().getTable()), step.getCsv());
            } else if (step.getGenerate() != null) {
                lastWriter.remove(tableKey(step.getGenerate().getTable()));
            } else {
                lastWriter.clear();
            }
        }
        Set<String> masked = new LinkedHashSet<>();
        for (CsvSeed csv : lastWriter.values()) {
            for (String column : csv.getMask()) {
                if (masked.add(key(csv.getTable(), column))) {
                    plan.maskedWhileLoading.add(
                            new Column(csv.getTable(), column, plan.formatOf(csv.getTable(), column)));
                }
            }
        }
        for (MaskedColumn c : masking.getColumns()) {
            if (masked.add(key(c.getTable(), c.getColumn()))) {
                plan.maskedInPlace.add(new Column(c.getTable(), c.getColumn(), c.formatOrDefault()));
            }
        }
        for (String pii : masking.getPii()) {
            int dot = pii.lastIndexOf('.');
            String key = dot < 0 ? pii.toLowerCase(Locale.ROOT) : key(pii.substring(0, dot), pii.substring(dot + 1));
            if (!plan.declared.contains(pii)) {
                plan.declared.add(pii);
                if (!masked.contains(key)) {
                    plan.unmasked.add(pii);
                }
            }
        }
        return plan;
    }

    /** The format a CSV step masks {@code column} of {@code table} in: masking.columns', else auto. */
    public MaskFormat formatOf(String table, String column) {
        return formats.getOrDefault(key(table, column), MaskFormat.AUTO);
    }

    /** Columns the last CSV load of their table masks on the way in. */
    public List<Column> maskedWhileLoading() {
        return maskedWhileLoading;
    }

    /** Columns rewritten in place after the seed steps, in spec order. */
    public List<Column> maskedInPlace() {
        return maskedInPlace;
    }

    /**
     * {@link #maskedInPlace()} grouped by table (public.t and T are t), keyed by the first spelling: one pass per
     * table, since a second pass over rows the first rewrote would no longer find them.
     */
    public Map<String, List<Column>> maskedInPlaceByTable() {
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, List<Column>> byTable = new LinkedHashMap<>();
        for (Column c : maskedInPlace) {
            String table = spelling.computeIfAbsent(tableKey(c.table()), k -> c.table());
            byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(c);
        }
        return byTable;
    }

    /** Every column masked at the end, as table.column. */
    public List<String> masked() {
        List<String> all = new ArrayList<>();
        maskedWhileLoading.forEach(c -> all.add(c.qualified()));
        maskedInPlace.forEach(c -> all.add(c.qualified()));
        return all;
    }

    /** The declared PII columns (masking.pii, duplicates dropped). */
    public List<String> declared() {
        return declared;
    }

    /** Declared PII columns nothing masks: the seed refuses to run. */
    public List<String> unmasked() {
        return unmasked;
    }

    /** Whether the seed masks or declares anything (else the results carry no masking report). */
    public boolean isEmpty() {
        return maskedWhileLoading.isEmpty() && maskedInPlace.isEmpty() && declared.isEmpty();
    }

    private static String key(String table, String column) {
        return tableKey(table) + "." + column.toLowerCase(Locale.ROOT);
    }

    private static String tableKey(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return t.startsWith("public.") ? t.substring("public.".length()) : t;
    }
}
