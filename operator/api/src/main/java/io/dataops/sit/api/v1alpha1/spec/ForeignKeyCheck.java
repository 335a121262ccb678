package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ForeignKeyCheck {

    @JsonPropertyDescription("Column of the checked table holding the reference.")
    @Required
    @Pattern(Names.SQL_COLUMN_PATTERN)
    private String column;

    @JsonPropertyDescription("Referenced column as table.column (or schema.table.column).")
    @Required
    @Pattern("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){1,2}$")
    private String references;

    @JsonPropertyDescription("Another database of the run (spec.databases[].name) holding the referenced table. "
            + "Checked by the runner once every database is seeded, before the first scenario (a seed Job sees only "
            + "its own database); reported on the checked table's database.")
    @Pattern(Names.DNS_LABEL_PATTERN)
    private String database;

    public String getColumn() {
        return column;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    public String getReferences() {
        return references;
    }

    public void setReferences(String references) {
        this.references = references;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }
}
