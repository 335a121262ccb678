package io.dataops.sit.runner.evidence;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables a run's steps named, per database: the data evidence samples their rows (sampling every table of a
 * seeded database would blow the bundle's bound and bury what the scenarios were about). Thread-safe.
 */
public final class TouchedTables {

    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern PLAIN_TABLE = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")?");
    /** Table names after FROM, JOIN, INTO, UPDATE or TABLE in a step's SQL; quoted names are ignored. */
    private static final Pattern SQL_TABLE = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table)\\s+(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")?)\\b");

    private final Map<String, Set<String>> byDatabase = new LinkedHashMap<>();

    /** Records {@code table} (plain or schema-qualified) of {@code database}; anything else is ignored. */
    public synchronized void add(String database, String table) {
        if (database == null || table == null || !PLAIN_TABLE.matcher(table).matches()) {
            return;
        }
        byDatabase.computeIfAbsent(database, d -> new LinkedHashSet<>()).add(table.toLowerCase(java.util.Locale.ROOT));
    }

    /** Records the tables a SQL text names (a best effort: enough to sample what a query step looked at). */
    public void addFromSql(String database, String sql) {
        if (sql == null) {
            return;
        }
        Matcher m = SQL_TABLE.matcher(sql);
        while (m.find()) {
            add(database, m.group(1));
        }
    }

    public synchronized Set<String> of(String database) {
        return Set.copyOf(byDatabase.getOrDefault(database, Set.of()));
    }

    public synchronized Map<String, Set<String>> all() {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        byDatabase.forEach((db, tables) -> copy.put(db, new LinkedHashSet<>(tables)));
        return copy;
    }
}
