package io.dataops.sit.runner.evidence;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * What a run's steps touched, for the data evidence: the tables they named per database (only those are sampled;
 * sampling every table of a seeded database would blow the bundle's bound and bury what the scenarios were about),
 * and the Avro schema each topic was written or read with (so its records are shown decoded as the steps saw them).
 * Thread-safe.
 */
public final class TouchedData {

    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern PLAIN_TABLE = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")?");
    /** Table names after FROM, JOIN, INTO, UPDATE or TABLE in a step's SQL; quoted names are ignored. */
    private static final Pattern SQL_TABLE = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table)\\s+(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")?)\\b");

    private final Map<String, Set<String>> tablesByDatabase = new LinkedHashMap<>();
    private final Map<String, Schema> schemaByBrokerTopic = new LinkedHashMap<>();

    /** Records {@code table} (plain or schema-qualified) of {@code database}; anything else is ignored. */
    public synchronized void addTable(String database, String table) {
        if (database == null || table == null || !PLAIN_TABLE.matcher(table).matches()) {
            return;
        }
        tablesByDatabase.computeIfAbsent(database, d -> new LinkedHashSet<>()).add(table.toLowerCase(Locale.ROOT));
    }

    /** Records the tables a SQL text names (a best effort: enough to sample what a query step looked at). */
    public void addTablesFromSql(String database, String sql) {
        if (sql == null) {
            return;
        }
        Matcher m = SQL_TABLE.matcher(sql);
        while (m.find()) {
            addTable(database, m.group(1));
        }
    }

    public synchronized Set<String> tablesOf(String database) {
        return Set.copyOf(tablesByDatabase.getOrDefault(database, Set.of()));
    }

    public synchronized Map<String, Set<String>> tables() {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        tablesByDatabase.forEach((db, tables) -> copy.put(db, new LinkedHashSet<>(tables)));
        return copy;
    }

    /** The Avro schema a step used for {@code topic} of {@code broker} (the last one wins). */
    public synchronized void addTopicSchema(String broker, String topic, Schema schema) {
        if (broker != null && topic != null && schema != null) {
            schemaByBrokerTopic.put(broker + "/" + topic, schema);
        }
    }

    /** The schema steps used for the topic, or null (the evidence then decodes as JSON or text). */
    public synchronized Schema schemaOf(String broker, String topic) {
        return schemaByBrokerTopic.get(broker + "/" + topic);
    }
}
