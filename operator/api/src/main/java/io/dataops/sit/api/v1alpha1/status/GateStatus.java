package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;

/** One data-quality gate's result: what was measured against what was expected. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class GateStatus {

    @JsonPropertyDescription("The gate's name (checks[].name, or one built from what it checks).")
    private String name;

    @JsonPropertyDescription("rowCount, foreignKey, crossDatabaseForeignKey, column, sql, schema or migrationVersion.")
    private String type;

    @JsonPropertyDescription("Whether the gate passed.")
    private boolean passed;

    @JsonPropertyDescription("What was measured, e.g. 3 rows, null rate 0.0200, 2 columns missing.")
    private String observed;

    @JsonPropertyDescription("What the gate expects, e.g. >= 10, <= 0.05, 0 orphans.")
    private String expected;

    @JsonPropertyDescription("The measurement in words (first line, at most 256 characters).")
    private String message;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public boolean isPassed() {
        return passed;
    }

    public void setPassed(boolean passed) {
        this.passed = passed;
    }

    public String getObserved() {
        return observed;
    }

    public void setObserved(String observed) {
        this.observed = observed;
    }

    public String getExpected() {
        return expected;
    }

    public void setExpected(String expected) {
        this.expected = expected;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
