package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.PlacementSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where a run's pods go: the operator's default placement (sit.placement.*) merged with the SitRun's
 * spec.placement. Node selector: the operator's entries, then the SitRun's (a SitRun's value wins on the same
 * key). Tolerations: the operator's plus the SitRun's (a run can tolerate more, never less).
 */
public record Placement(Map<String, String> nodeSelector, List<Toleration> tolerations) {

    public static Placement of(SitRun run, OperatorSettings settings) {
        Map<String, String> selector = new LinkedHashMap<>(settings.defaultNodeSelector());
        LinkedHashSet<Toleration> tolerations = new LinkedHashSet<>(settings.defaultTolerations());
        PlacementSpec spec = run.getSpec().getPlacement();
        if (spec != null) {
            selector.putAll(spec.getNodeSelector());
            spec.getTolerations()
                    .forEach(t -> tolerations.add(new Toleration(
                            t.getEffect(), t.getKey(), t.getOperator(), t.getTolerationSeconds(), t.getValue())));
        }
        return new Placement(selector, new ArrayList<>(tolerations));
    }

    public boolean isEmpty() {
        return nodeSelector.isEmpty() && tolerations.isEmpty();
    }

    /** The node selector as required node affinity, for pod templates that have no nodeSelector (Strimzi's). */
    public Affinity asAffinity() {
        if (nodeSelector.isEmpty()) {
            return null;
        }
        List<NodeSelectorRequirement> match = new ArrayList<>();
        nodeSelector.forEach((k, v) -> match.add(new NodeSelectorRequirement(k, "In", List.of(v))));
        return new AffinityBuilder()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .withMatchExpressions(match)
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .build();
    }
}
