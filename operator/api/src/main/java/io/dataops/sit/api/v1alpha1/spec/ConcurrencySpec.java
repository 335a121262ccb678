package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConcurrencySpec {

    @JsonPropertyDescription("SitRuns of this namespace with the same group (e.g. orders-pr-42) are one line of runs: "
            + "at most one of them is active; which one, is the policy.")
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    private String group;

    @JsonPropertyDescription("What a newer SitRun of the group does to an older one still active: Queue (default: wait "
            + "until it ended) or CancelRunning (end it now as Cancelled/Superseded; its evidence is kept). Like GitHub "
            + "Actions' concurrency.cancel-in-progress. Runs are ordered by creation time.")
    private ConcurrencyPolicy policy;

    @JsonPropertyDescription(
            "Finished SitRuns of the group to keep (the newest); older ones are deleted with their "
                    + "namespaces. At most the operator's limit (sit.history.max-finished-per-group), which also applies when unset.")
    @Min(0)
    @Max(1000)
    private Integer historyLimit;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public ConcurrencyPolicy getPolicy() {
        return policy;
    }

    public void setPolicy(ConcurrencyPolicy policy) {
        this.policy = policy;
    }

    public Integer getHistoryLimit() {
        return historyLimit;
    }

    public void setHistoryLimit(Integer historyLimit) {
        this.historyLimit = historyLimit;
    }

    public static ConcurrencyPolicy effectivePolicy(ConcurrencySpec spec) {
        return spec == null || spec.policy == null ? ConcurrencyPolicy.QUEUE : spec.policy;
    }
}
