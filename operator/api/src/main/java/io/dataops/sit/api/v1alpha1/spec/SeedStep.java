package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** One seeding step: exactly one of sql or csv. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.sql) != has(self.csv)", message = "a seed step has exactly one of sql or csv")
public class SeedStep {

    @JsonPropertyDescription("Run a SQL script (schema, reference data). Write it idempotently "
            + "(CREATE TABLE IF NOT EXISTS, INSERT ... ON CONFLICT DO NOTHING).")
    private SqlSeed sql;

    @JsonPropertyDescription("Load a CSV file into a table with PostgreSQL COPY; the table's rows are replaced, "
            + "so a second load does not duplicate them.")
    private CsvSeed csv;

    public SqlSeed getSql() {
        return sql;
    }

    public void setSql(SqlSeed sql) {
        this.sql = sql;
    }

    public CsvSeed getCsv() {
        return csv;
    }

    public void setCsv(CsvSeed csv) {
        this.csv = csv;
    }

    /** Short human label for progress and errors. */
    public String describe() {
        if (sql != null) {
            return "sql " + sql.describeSource();
        }
        return csv == null ? "empty step" : "csv " + csv.describeSource() + " -> " + csv.getTable();
    }
}
