package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A whole ConfigMap in the SitRun's own namespace; the operator copies it into the run's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Names.NOT_RESERVED_RULE, message = Names.NOT_RESERVED_MESSAGE, fieldPath = ".name")
public class ConfigMapRef {

    @JsonPropertyDescription("Name of a ConfigMap in the SitRun's namespace.")
    @Required
    @Pattern(Names.DNS_SUBDOMAIN_PATTERN)
    @Size(min = 1, max = 253)
    private String name;

    public ConfigMapRef() {}

    public ConfigMapRef(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
