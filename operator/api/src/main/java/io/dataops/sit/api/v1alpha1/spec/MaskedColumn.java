package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One column to mask and the format its pseudonyms keep. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskedColumn {

    @JsonPropertyDescription("Table (optionally schema-qualified).")
    @Required
    @Pattern(Names.SQL_TABLE_PATTERN)
    @Size(max = 127)
    private String table;

    @JsonPropertyDescription("Column of the table.")
    @Required
    @Pattern(Names.SQL_COLUMN_PATTERN)
    @Size(max = 63)
    private String column;

    @JsonPropertyDescription("Format of the pseudonyms: auto (default: digits stay digits, e-mail stays e-mail "
            + "shaped, else hex), email, phone (layout and +country code kept), name, firstName, lastName "
            + "(realistic names), card (same length and issuer prefix, Luhn-valid), digits or hex.")
    private MaskFormat as;

    public MaskedColumn() {}

    public MaskedColumn(String table, String column, MaskFormat as) {
        this.table = table;
        this.column = column;
        this.as = as;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getColumn() {
        return column;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    public MaskFormat getAs() {
        return as;
    }

    public void setAs(MaskFormat as) {
        this.as = as;
    }

    public MaskFormat formatOrDefault() {
        return as == null ? MaskFormat.AUTO : as;
    }
}
