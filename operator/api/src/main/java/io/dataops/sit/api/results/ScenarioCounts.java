package io.dataops.sit.api.results;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;

@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ScenarioCounts {

    @JsonPropertyDescription("Scenarios run.")
    private int total;

    @JsonPropertyDescription("Scenarios that passed.")
    private int passed;

    @JsonPropertyDescription("Scenarios that failed or errored.")
    private int failed;

    public ScenarioCounts() {}

    public ScenarioCounts(int total, int passed, int failed) {
        this.total = total;
        this.passed = passed;
        this.failed = failed;
    }

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public int getPassed() {
        return passed;
    }

    public void setPassed(int passed) {
        this.passed = passed;
    }

    public int getFailed() {
        return failed;
    }

    public void setFailed(int failed) {
        this.failed = failed;
    }
}
