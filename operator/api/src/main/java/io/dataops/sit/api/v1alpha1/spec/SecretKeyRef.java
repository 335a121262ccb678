package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A key of a Secret in the SitRun's own namespace; the operator copies that key (only) into a Secret of the same
 * name in the run's namespace. Names starting with sit- are the operator's own and refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!self.name.startsWith('sit-')",
        fieldPath = ".name",
        message = "Secret names starting with sit- are reserved for the operator's own objects")
public class SecretKeyRef {

    @JsonPropertyDescription("Name of a Secret in the SitRun's namespace.")
    @Required
    @Pattern(Names.DNS_SUBDOMAIN_PATTERN)
    @Size(min = 1, max = 253)
    private String name;

    @JsonPropertyDescription("Key in the Secret's data.")
    @Required
    @Pattern(Names.CONFIGMAP_KEY_PATTERN)
    @Size(min = 1, max = 253)
    private String key;

    public SecretKeyRef() {}

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
