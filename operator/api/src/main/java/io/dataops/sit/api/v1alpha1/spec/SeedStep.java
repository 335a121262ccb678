package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** One seeding step: exactly one of sql, csv or generate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.sql) ? 1 : 0) + (has(self.csv) ? 1 : 0) + (has(self.generate) ? 1 : 0) == 1",
        message = "a seed step has exactly one of sql, csv or generate")
public class SeedStep {

    @JsonPropertyDescription("Run a SQL script (schema, reference data). Write it idempotently "
            + "(CREATE TABLE IF NOT EXISTS, INSERT ... ON CONFLICT DO NOTHING).")
    private SqlSeed sql;

    @JsonPropertyDescription("Load a CSV file into a table with PostgreSQL COPY; the table's rows are replaced, "
            + "so a second load does not duplicate them.")
    private CsvSeed csv;

    @JsonPropertyDescription("Generate synthetic rows into a table from its columns, loaded with COPY; the table's "
            + "rows are replaced.")
    private GenerateSeed generate;

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

    public GenerateSeed getGenerate() {
        return generate;
    }

    public void setGenerate(GenerateSeed generate) {
        this.generate = generate;
    }

    /** Short human label for progress and errors. */
    public String describe() {
        if (sql != null) {
            return "sql " + sql.describeSource();
        }
        if (generate != null) {
            return "generate " + generate.getRows() + " rows -> " + generate.getTable() + " (seed "
                    + generate.seedOrDefault() + ")";
        }
        return csv == null ? "empty step" : "csv " + csv.describeSource() + " -> " + csv.getTable();
    }
}
