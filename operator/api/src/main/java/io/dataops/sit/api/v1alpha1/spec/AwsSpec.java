package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Short-lived AWS credentials the operator obtains with STS for the run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.externalId)",
        fieldPath = ".externalId",
        message = "externalId is no longer accepted: the operator sends its own ExternalId (<cluster>:<namespace>), "
                + "see deploy/README.md; remove the field")
public class AwsSpec {

    @JsonPropertyDescription("IAM role to assume, e.g. arn:aws:iam::123456789012:role/sit-runner.")
    @Required
    @Pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}$")
    private String roleArn;

    @JsonPropertyDescription("AWS region given to the runner and systems as AWS_REGION, e.g. eu-west-1.")
    @Required
    @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")
    private String region;

    @JsonPropertyDescription("Refused: the operator derives the ExternalId from the SitRun's namespace "
            + "(<cluster name>:<namespace>) so a tenant cannot present another tenant's. Kept only to reject it "
            + "with a clear message.")
    @Deprecated
    @Size(max = 1224)
    private String externalId;

    @JsonPropertyDescription("Lifetime of each set of credentials in seconds (900-43200). Default: the run's "
            + "timeout, capped at 3600; they are refreshed before expiry while the run lasts.")
    @Min(900)
    @Max(43200)
    private Integer sessionDurationSeconds;

    public String getRoleArn() {
        return roleArn;
    }

    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }
    /** Never used by the operator (the CRD refuses it); present so old manifests get a clear error. */
    @Deprecated
    public String getExternalId() {
        return externalId;
    }

    @Deprecated
    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public Integer getSessionDurationSeconds() {
        return sessionDurationSeconds;
    }

    public void setSessionDurationSeconds(Integer sessionDurationSeconds) {
        this.sessionDurationSeconds = sessionDurationSeconds;
    }
}
