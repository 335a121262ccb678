package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A CSV file loaded with COPY. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CsvSeed extends FileSource {

    @JsonPropertyDescription(
            "Target table (optionally schema-qualified); it must exist, e.g. created by an " + "earlier sql step.")
    @Required
    @Pattern(Names.SQL_TABLE_PATTERN)
    private String table;

    @JsonPropertyDescription(
            "Whether the first line names the columns (it is then used as the column list). Default true.")
    private Boolean header;

    @JsonPropertyDescription("Field delimiter, one character. Default ','.")
    @Size(min = 1, max = 1)
    private String delimiter;

    @JsonPropertyDescription("Columns whose values are replaced by a deterministic pseudonym while loading "
            + "(same input, same output, so joins across tables still match), in the column's format from the "
            + "database's masking.columns (default auto). Needs header: true.")
    @Size(max = 64)
    @ValidationRule(
            value = "self.all(c, c.matches('^[A-Za-z_][A-Za-z0-9_]*$'))",
            message = "mask entries are column names")
    // maxLength on the items bounds the CEL cost estimate (unbounded strings exceed the API server's budget).
    private List<@Size(max = 63) String> mask = new ArrayList<>();

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public Boolean getHeader() {
        return header;
    }

    public void setHeader(Boolean header) {
        this.header = header;
    }

    public boolean hasHeader() {
        return header == null || header;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public char delimiterOrDefault() {
        return delimiter == null || delimiter.isEmpty() ? ',' : delimiter.charAt(0);
    }

    public List<String> getMask() {
        return mask;
    }

    public void setMask(List<String> mask) {
        this.mask = mask == null ? new ArrayList<>() : mask;
    }
}
