package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Gates on one column's values: how many are missing, how many differ, the range they fall in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.maxNullRate) || has(self.minDistinctRatio) || has(self.min) || has(self.max)",
        message = "a column check needs maxNullRate, minDistinctRatio, min or max")
public class ColumnCheck {

    @JsonPropertyDescription("The column of the check's table.")
    @Required
    @Pattern(Names.SQL_COLUMN_PATTERN)
    private String name;

    @JsonPropertyDescription("Share of rows whose value is NULL, at most (0 = never NULL, 0.05 = 5%).")
    @Min(0)
    @Max(1)
    private Double maxNullRate;

    @JsonPropertyDescription("Distinct non-NULL values per non-NULL value, at least (1 = every value unique).")
    @Min(0)
    @Max(1)
    private Double minDistinctRatio;

    @JsonPropertyDescription("No value below this, compared as the column's type (a number, a date, text).")
    @Size(max = 256)
    private String min;

    @JsonPropertyDescription("No value above this, compared as the column's type (a number, a date, text).")
    @Size(max = 256)
    private String max;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Double getMaxNullRate() {
        return maxNullRate;
    }

    public void setMaxNullRate(Double maxNullRate) {
        this.maxNullRate = maxNullRate;
    }

    public Double getMinDistinctRatio() {
        return minDistinctRatio;
    }

    public void setMinDistinctRatio(Double minDistinctRatio) {
        this.minDistinctRatio = minDistinctRatio;
    }

    public String getMin() {
        return min;
    }

    public void setMin(String min) {
        this.min = min;
    }

    public String getMax() {
        return max;
    }

    public void setMax(String max) {
        this.max = max;
    }
}
