package io.dataops.sit.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;
import java.math.BigDecimal;

/** One threshold check ("the result contains 2 records with tolerance of +/- 1") and its outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ThresholdResult {

    @JsonPropertyDescription("What was checked, e.g. 'product_v1 contains 2 records +/- 1'.")
    private String name;

    @JsonPropertyDescription("Scenario the check belongs to.")
    private String scenario;

    @JsonPropertyDescription("Expected value.")
    private BigDecimal expected;

    @JsonPropertyDescription("Allowed deviation from expected (absolute, or percent when toleranceUnit is percent); "
            + "for bounds such as latency below a limit, the bound is expected and tolerance is 0.")
    private BigDecimal tolerance;

    @JsonPropertyDescription("absolute (default) or percent.")
    private String toleranceUnit;

    @JsonPropertyDescription("Measured value; absent when it could not be measured.")
    private BigDecimal actual;

    @JsonPropertyDescription("Whether actual was within expected +/- tolerance (or the bound).")
    private boolean passed;

    @JsonPropertyDescription("Extra detail, e.g. why the value could not be measured.")
    private String message;

    public ThresholdResult() {}

    public ThresholdResult(String name, BigDecimal expected, BigDecimal tolerance, BigDecimal actual, boolean passed) {
        this.name = name;
        this.expected = expected;
        this.tolerance = tolerance;
        this.actual = actual;
        this.passed = passed;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getScenario() {
        return scenario;
    }

    public void setScenario(String scenario) {
        this.scenario = scenario;
    }

    public BigDecimal getExpected() {
        return expected;
    }

    public void setExpected(BigDecimal expected) {
        this.expected = expected;
    }

    public BigDecimal getTolerance() {
        return tolerance;
    }

    public void setTolerance(BigDecimal tolerance) {
        this.tolerance = tolerance;
    }

    public String getToleranceUnit() {
        return toleranceUnit;
    }

    public void setToleranceUnit(String toleranceUnit) {
        this.toleranceUnit = toleranceUnit;
    }

    public BigDecimal getActual() {
        return actual;
    }

    public void setActual(BigDecimal actual) {
        this.actual = actual;
    }

    public boolean isPassed() {
        return passed;
    }

    public void setPassed(boolean passed) {
        this.passed = passed;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
