package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows generated into a table from its own columns (synthetic data), loaded with COPY. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GenerateSeed {

    @JsonPropertyDescription("Target table (optionally schema-qualified); it must exist, e.g. created by an earlier "
            + "sql step. Its rows are replaced. Values follow each column's type, length and nullability and what "
            + "the column is named after (e-mail, names, phone, city, currency...); a column with a default (a serial "
            + "or identity key) is left to the database.")
    @Required
    @Pattern(Names.SQL_TABLE_PATTERN)
    private String table;

    @JsonPropertyDescription("How many rows.")
    @Required
    @Min(1)
    @Max(5000000)
    private Long rows;

    @JsonPropertyDescription("The same seed generates the same rows on every run. Default 1.")
    private Long seed;

    @JsonPropertyDescription("Column -> what it holds instead of a generated value: a literal, null, "
            + "'one of A, B, C', 'between 1 and 100', 'sequence' or 'sequence from 1000', 'uuid', or a Datafaker "
            + "expression such as '#{Name.lastName}'.")
    @Size(max = 64)
    private Map<String, @Size(max = 256) String> columns = new LinkedHashMap<>();

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public long seedOrDefault() {
        return seed == null ? 1 : seed;
    }

    public Map<String, String> getColumns() {
        return columns;
    }

    public void setColumns(Map<String, String> columns) {
        this.columns = columns == null ? new LinkedHashMap<>() : columns;
    }
}
