package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class CleanupStatus {

    public static final String POLICY_TTL = "DeleteAfterTTL";
    public static final String POLICY_KEEP_ON_FAILURE = "KeepOnFailure";
    public static final String POLICY_KEEP = "KeepUntilDeleted";

    @JsonPropertyDescription("DeleteAfterTTL, KeepOnFailure (failed run kept for debugging) or KeepUntilDeleted (until "
            + "the SitRun is deleted). Whatever the policy, deleteAfter is at most the operator's maximum keep time "
            + "(sit.cleanup.max-keep) after the end.")
    private String policy;

    @JsonPropertyDescription("When the namespace will be deleted (RFC 3339), if scheduled.")
    private String deleteAfter;

    @JsonPropertyDescription("Whether the run's namespace has been deleted.")
    private boolean namespaceDeleted;

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getDeleteAfter() {
        return deleteAfter;
    }

    public void setDeleteAfter(String deleteAfter) {
        this.deleteAfter = deleteAfter;
    }

    public boolean isNamespaceDeleted() {
        return namespaceDeleted;
    }

    public void setNamespaceDeleted(boolean namespaceDeleted) {
        this.namespaceDeleted = namespaceDeleted;
    }
}
