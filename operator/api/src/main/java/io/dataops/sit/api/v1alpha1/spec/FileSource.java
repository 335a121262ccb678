package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Content given inline or by reference to a ConfigMap key: exactly one of the two. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.configMapRef) != has(self.inline)",
        message = "give exactly one of configMapRef or inline")
public abstract class FileSource {

    @JsonPropertyDescription("The content is this key of a ConfigMap in the SitRun's namespace.")
    private ConfigMapKeyRef configMapRef;

    @JsonPropertyDescription("The content itself, for small fixtures.")
    @Size(max = 262144)
    private String inline;

    public ConfigMapKeyRef getConfigMapRef() {
        return configMapRef;
    }

    public void setConfigMapRef(ConfigMapKeyRef configMapRef) {
        this.configMapRef = configMapRef;
    }

    public String getInline() {
        return inline;
    }

    public void setInline(String inline) {
        this.inline = inline;
    }

    public String describeSource() {
        return configMapRef != null ? "configmap " + configMapRef.getName() + "/" + configMapRef.getKey() : "inline";
    }
}
