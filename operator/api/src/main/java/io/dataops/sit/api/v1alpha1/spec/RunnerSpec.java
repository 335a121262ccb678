package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnerSpec {

    @JsonPropertyDescription("Runner image; default the operator's configured runner image (sit.runner.image). "
            + "The same image runs the seed Jobs.")
    @Size(max = 512)
    private String image;

    @JsonPropertyDescription("ConfigMap holding the Gherkin .feature files and the fixtures they reference.")
    @Required
    private FeaturesSource features;

    @JsonPropertyDescription("Cucumber tag expression selecting scenarios, e.g. '@smoke and not @slow'.")
    @Size(max = 1024)
    private String tags;

    @JsonPropertyDescription("Extra environment variables for the runner. valueFrom.secretKeyRef names a Secret in the "
            + "SitRun's namespace: the operator copies that key into the run's namespace (names sit-* refused).")
    private List<EnvVar> env = new ArrayList<>();

    @JsonPropertyDescription("Compute resources of the runner container.")
    private ResourceRequirements resources;

    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public FeaturesSource getFeatures() { return features; }
    public void setFeatures(FeaturesSource features) { this.features = features; }

    /** Name of the features ConfigMap, or null when none is given. */
    public String featuresConfigMapName() {
        return features == null || features.getConfigMapRef() == null ? null : features.getConfigMapRef().getName();
    }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags; }
    public List<EnvVar> getEnv() { return env; }
    public void setEnv(List<EnvVar> env) { this.env = env == null ? new ArrayList<>() : env; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
}
