package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the run's pods may be scheduled. Applied to every pod of the run (brokers, databases, seed and topic
 * Jobs, systems under test, the runner), merged with the operator's default placement.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PlacementSpec {

    @JsonPropertyDescription("Node labels every pod of the run requires (the pod spec's nodeSelector). Merged over the "
            + "operator's default node selector (sit.placement.node-selector); on the same key this value wins.")
    @Size(max = 20)
    @ValidationRule(
            value = "self.all(k, k.size() <= 317 && self[k].size() <= 63)",
            message = "node selector keys are label keys (at most 317 characters) and values label values (at most 63)")
    private Map<String, String> nodeSelector = new LinkedHashMap<>();

    @JsonPropertyDescription("Taints every pod of the run tolerates, in the Kubernetes Toleration shape. Added to the "
            + "operator's default tolerations (sit.placement.tolerations).")
    @Size(max = 20)
    private List<Toleration> tolerations = new ArrayList<>();

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector == null ? new LinkedHashMap<>() : nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations == null ? new ArrayList<>() : tolerations;
    }
}
