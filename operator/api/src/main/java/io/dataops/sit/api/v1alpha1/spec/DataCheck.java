package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A data-quality gate checked after seeding: row-count bounds on a table, foreign-key completeness (within the database
 * or against another database of the run), a column's null rate, distinct ratio or value range, schema drift against
 * an expected schema file, the migration version, or a SQL query that must return true.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.minRows) || !has(self.maxRows) || self.minRows <= self.maxRows",
        message = "minRows must not exceed maxRows")
@ValidationRule(value = "!has(self.foreignKey) || has(self.table)", message = "a foreignKey check needs a table")
@ValidationRule(value = "!has(self.column) || has(self.table)", message = "a column check needs a table")
@ValidationRule(
        value = "!has(self.schema) && !has(self.migration) || !has(self.table) && !has(self.sql)",
        message = "a schema or migration check has no table or sql")
@ValidationRule(value = "!has(self.schema) || !has(self.migration)", message = "give schema or migration, not both")
@ValidationRule(
        value = "!has(self.table) || has(self.minRows) || has(self.maxRows) || has(self.foreignKey)"
                + " || has(self.column)",
        message = "a table check needs minRows, maxRows, foreignKey or column")
public class DataCheck {

    @JsonPropertyDescription("Name of the gate, shown when it fails; default derived from the check.")
    @Size(max = 128)
    private String name;

    @JsonPropertyDescription("Table the row-count and foreign-key checks apply to.")
    @Pattern(Names.SQL_TABLE_PATTERN)
    private String table;

    @JsonPropertyDescription("The table must hold at least this many rows.")
    @Min(0)
    private Long minRows;

    @JsonPropertyDescription("The table must hold at most this many rows.")
    @Min(0)
    private Long maxRows;

    @JsonPropertyDescription("Every non-null value of column must exist in the referenced table.column.")
    private ForeignKeyCheck foreignKey;

    @JsonPropertyDescription("Gates on one column of the table: null rate, distinct ratio, value range.")
    private ColumnCheck column;

    @JsonPropertyDescription("The seeded tables' columns and types must be those of this schema file (YAML or JSON: "
            + "tables: {orders: {id: bigint, amount: numeric(10,2)}}); reports the columns missing, extra or of "
            + "another type. A type without (...) matches any length or precision.")
    private SchemaCheck schema;

    @JsonPropertyDescription("The database must be at this schema migration version.")
    private MigrationCheck migration;

    @JsonPropertyDescription("A query returning one boolean; the gate passes when it is true.")
    @Size(min = 1, max = 65536)
    private String sql;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Long getMinRows() {
        return minRows;
    }

    public void setMinRows(Long minRows) {
        this.minRows = minRows;
    }

    public Long getMaxRows() {
        return maxRows;
    }

    public void setMaxRows(Long maxRows) {
        this.maxRows = maxRows;
    }

    public ForeignKeyCheck getForeignKey() {
        return foreignKey;
    }

    public void setForeignKey(ForeignKeyCheck foreignKey) {
        this.foreignKey = foreignKey;
    }

    public ColumnCheck getColumn() {
        return column;
    }

    public void setColumn(ColumnCheck column) {
        this.column = column;
    }

    public String getSql() {
        return sql;
    }

    public void setSql(String sql) {
        this.sql = sql;
    }

    public SchemaCheck getSchema() {
        return schema;
    }

    public void setSchema(SchemaCheck schema) {
        this.schema = schema;
    }

    public MigrationCheck getMigration() {
        return migration;
    }

    public void setMigration(MigrationCheck migration) {
        this.migration = migration;
    }

    /** True when the check reads another database of the run (evaluated by the runner, not the seed Job). */
    public boolean crossDatabase(String ownDatabase) {
        return foreignKey != null
                && foreignKey.getDatabase() != null
                && !foreignKey.getDatabase().equals(ownDatabase);
    }

    /** The kind of gate, as status.databases[].gates[].type reports it. */
    public String gateType() {
        if (schema != null) {
            return GateTypes.SCHEMA;
        }
        if (migration != null) {
            return GateTypes.MIGRATION_VERSION;
        }
        if (foreignKey != null) {
            return foreignKey.getDatabase() != null ? GateTypes.CROSS_DATABASE_FOREIGN_KEY : GateTypes.FOREIGN_KEY;
        }
        if (column != null) {
            return GateTypes.COLUMN;
        }
        return table != null ? GateTypes.ROW_COUNT : GateTypes.SQL;
    }

    /** The gate's name as reported: the given name, or one built from what it checks. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (schema != null) {
            return "schema matches " + schema.describeSource();
        }
        if (migration != null) {
            return "migration version " + migration.getVersion();
        }
        if (foreignKey != null) {
            return table + "." + foreignKey.getColumn() + " references "
                    + (foreignKey.getDatabase() != null ? foreignKey.getDatabase() + ":" : "")
                    + foreignKey.getReferences();
        }
        if (column != null) {
            List<String> rules = new ArrayList<>();
            if (column.getMaxNullRate() != null) {
                rules.add("null rate <= " + column.getMaxNullRate());
            }
            if (column.getMinDistinctRatio() != null) {
                rules.add("distinct ratio >= " + column.getMinDistinctRatio());
            }
            if (column.getMin() != null) {
                rules.add(">= " + column.getMin());
            }
            if (column.getMax() != null) {
                rules.add("<= " + column.getMax());
            }
            return table + "." + column.getName() + " " + String.join(", ", rules);
        }
        if (table != null) {
            StringBuilder b = new StringBuilder(table).append(" rows");
            if (minRows != null) {
                b.append(" >= ").append(minRows);
            }
            if (maxRows != null) {
                b.append(minRows != null ? " and" : "").append(" <= ").append(maxRows);
            }
            return b.toString();
        }
        return "sql check";
    }
}
