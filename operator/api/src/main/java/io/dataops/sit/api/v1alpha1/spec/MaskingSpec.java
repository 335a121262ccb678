package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Which columns of a database hold personal data, and how they are masked. See {@link MaskingPlan}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaskingSpec {

    @JsonPropertyDescription("Columns holding personal data, as table.column (or schema.table.column). Each must be "
            + "masked, by masking.columns or by the csv.mask of the step that last loads its table (a later sql step "
            + "may write any table, so it voids the CSV's masking), or the seed fails with PiiUnmasked before "
            + "anything is loaded. status.databases[].masking reports the coverage.")
    @Size(max = 200)
    @ValidationRule(
            value = "self.all(c, c.matches('^[A-Za-z_][A-Za-z0-9_]*(\\\\.[A-Za-z_][A-Za-z0-9_]*){1,2}$'))",
            message = "pii entries are table.column or schema.table.column")
    private List<@Size(max = 191) String> pii = new ArrayList<>();

    @JsonPropertyDescription("Columns masked with a format. A column also in the csv.mask of the step that last loads "
            + "its table is masked while loading (raw values never reach the database); every other one is "
            + "rewritten in place after the seed steps, whatever loaded it (sql, csv or generate), in one pass per "
            + "table.")
    @Size(max = 200)
    private List<MaskedColumn> columns = new ArrayList<>();

    public List<String> getPii() {
        return pii;
    }

    public void setPii(List<String> pii) {
        this.pii = pii == null ? new ArrayList<>() : pii;
    }

    public List<MaskedColumn> getColumns() {
        return columns;
    }

    public void setColumns(List<MaskedColumn> columns) {
        this.columns = columns == null ? new ArrayList<>() : columns;
    }
}
