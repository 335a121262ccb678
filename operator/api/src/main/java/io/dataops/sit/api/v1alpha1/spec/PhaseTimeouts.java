package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Per-phase limits; each is also bounded by the run's overall timeout and by the operator's sit.timeout.max. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PhaseTimeouts {

    @JsonPropertyDescription("Limit for Provisioning (namespace, brokers, databases, systems ready). Default 10m.")
    @Pattern(SitRunSpec.DURATION_PATTERN)
    @Size(max = 44)
    @ValidationRule(value = SitRunSpec.DURATION_MAX_RULE, message = SitRunSpec.DURATION_MAX_MESSAGE)
    private String provisioning;

    @JsonPropertyDescription("Limit for Seeding (fixtures loaded and gates checked). Default 10m.")
    @Pattern(SitRunSpec.DURATION_PATTERN)
    @Size(max = 44)
    @ValidationRule(value = SitRunSpec.DURATION_MAX_RULE, message = SitRunSpec.DURATION_MAX_MESSAGE)
    private String seeding;

    @JsonPropertyDescription("Limit for Testing (the runner Job). Default: the rest of the run's timeout.")
    @Pattern(SitRunSpec.DURATION_PATTERN)
    @Size(max = 44)
    @ValidationRule(value = SitRunSpec.DURATION_MAX_RULE, message = SitRunSpec.DURATION_MAX_MESSAGE)
    private String testing;

    public String getProvisioning() {
        return provisioning;
    }

    public void setProvisioning(String provisioning) {
        this.provisioning = provisioning;
    }

    public String getSeeding() {
        return seeding;
    }

    public void setSeeding(String seeding) {
        this.seeding = seeding;
    }

    public String getTesting() {
        return testing;
    }

    public void setTesting(String testing) {
        this.testing = testing;
    }
}
