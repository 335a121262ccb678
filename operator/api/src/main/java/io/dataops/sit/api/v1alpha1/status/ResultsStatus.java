package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dataops.sit.api.results.ScenarioCounts;
import io.dataops.sit.api.results.ThresholdResult;
import io.sundr.builder.annotations.Buildable;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ResultsStatus {

    @JsonPropertyDescription("Passed scenarios over all scenarios, e.g. 3/3 (the PASSED column).")
    private String passed;

    @JsonPropertyDescription("Scenario counts.")
    private ScenarioCounts scenarios;

    @JsonPropertyDescription("Every threshold check: name, expected, tolerance, actual, passed.")
    private List<ThresholdResult> thresholds = new ArrayList<>();

    public String getPassed() {
        return passed;
    }

    public void setPassed(String passed) {
        this.passed = passed;
    }

    public ScenarioCounts getScenarios() {
        return scenarios;
    }

    public void setScenarios(ScenarioCounts scenarios) {
        this.scenarios = scenarios;
    }

    public List<ThresholdResult> getThresholds() {
        return thresholds;
    }

    public void setThresholds(List<ThresholdResult> thresholds) {
        this.thresholds = thresholds == null ? new ArrayList<>() : thresholds;
    }
}
