package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvidenceSpec {

    @JsonPropertyDescription("When the evidence bundle (events, container logs, pod and Job summaries, topic offsets, "
            + "lags and record samples, table counts, row samples and schemas) is captured, before anything is "
            + "stopped or deleted: OnFailure (default: Failed and Error runs), Always or Never. It is stored in "
            + "ConfigMap <name>.sit-evidence next to the SitRun, owned by it; sizes are bounded by the operator.")
    private EvidenceWhen when;

    public EvidenceSpec() {}

    public EvidenceSpec(EvidenceWhen when) {
        this.when = when;
    }

    public EvidenceWhen getWhen() {
        return when;
    }

    public void setWhen(EvidenceWhen when) {
        this.when = when;
    }

    /** The policy in force: OnFailure unless the spec says otherwise. */
    public static EvidenceWhen effective(EvidenceSpec spec) {
        return spec == null || spec.when == null ? EvidenceWhen.ON_FAILURE : spec.when;
    }
}
