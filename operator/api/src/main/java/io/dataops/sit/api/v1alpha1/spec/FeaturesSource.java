package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where the Gherkin features and their fixtures come from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FeaturesSource {

    @JsonPropertyDescription("ConfigMap in the SitRun's namespace whose keys are the .feature files and the fixtures "
            + "they reference (binaryData for binary fixtures such as Avro).")
    @Required
    private ConfigMapRef configMapRef;

    public FeaturesSource() {}

    public FeaturesSource(ConfigMapRef configMapRef) {
        this.configMapRef = configMapRef;
    }

    public static FeaturesSource configMap(String name) {
        return new FeaturesSource(new ConfigMapRef(name));
    }

    public ConfigMapRef getConfigMapRef() {
        return configMapRef;
    }

    public void setConfigMapRef(ConfigMapRef configMapRef) {
        this.configMapRef = configMapRef;
    }
}
