package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The expected schema of the seeded tables, as a YAML or JSON file: {@code tables: {orders: {id: bigint, amount:
 * numeric(10,2)}}}. The gate compares it with information_schema and names the columns missing, extra, or of another
 * type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaCheck extends FileSource {

    @JsonPropertyDescription("Columns the database has and the file does not name are not drift (default false: "
            + "they are reported as extra and fail the gate).")
    private Boolean allowExtraColumns;

    public Boolean getAllowExtraColumns() {
        return allowExtraColumns;
    }

    public void setAllowExtraColumns(Boolean allowExtraColumns) {
        this.allowExtraColumns = allowExtraColumns;
    }

    public boolean extraColumnsAllowed() {
        return Boolean.TRUE.equals(allowExtraColumns);
    }
}
