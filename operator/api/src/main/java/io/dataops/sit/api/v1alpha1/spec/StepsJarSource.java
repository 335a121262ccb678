package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where a jar of user steps comes from in a cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepsJarSource {

    @JsonPropertyDescription("The jar is this key of a ConfigMap in the SitRun's namespace (its binaryData); the "
            + "operator copies the ConfigMap into the run's namespace and mounts it read-only into the runner pod.")
    @Required
    private ConfigMapKeyRef configMapRef;

    public StepsJarSource() {}

    public StepsJarSource(ConfigMapKeyRef configMapRef) {
        this.configMapRef = configMapRef;
    }

    public ConfigMapKeyRef getConfigMapRef() {
        return configMapRef;
    }

    public void setConfigMapRef(ConfigMapKeyRef configMapRef) {
        this.configMapRef = configMapRef;
    }
}
