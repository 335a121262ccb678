package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A key of a ConfigMap in the SitRun's own namespace; the operator copies it into the run's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Names.NOT_RESERVED_RULE, message = Names.NOT_RESERVED_MESSAGE, fieldPath = ".name")
// The key becomes a file name under the ConfigMap's mount folder: '.' and '..' would name the folders themselves.
@ValidationRule(
        value = "self.key != '.' && self.key != '..'",
        message = "a key is a file name, not '.' or '..'",
        fieldPath = ".key")
public class ConfigMapKeyRef {

    @JsonPropertyDescription("Name of a ConfigMap in the SitRun's namespace.")
    @Required
    @Pattern(Names.DNS_SUBDOMAIN_PATTERN)
    @Size(min = 1, max = 253)
    private String name;

    @JsonPropertyDescription("Key in the ConfigMap's data or binaryData.")
    @Required
    @Pattern(Names.CONFIGMAP_KEY_PATTERN)
    @Size(min = 1, max = 253)
    private String key;

    public ConfigMapKeyRef() {}

    public ConfigMapKeyRef(String name, String key) {
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
