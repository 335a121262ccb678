package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnerSpec {

    /** Jars of user steps one run may load. */
    public static final int MAX_USER_STEPS = 8;

    @JsonPropertyDescription("Runner image; default the operator's configured runner image (sit.runner.image). "
            + "The same image runs the seed Jobs. Another image must be on the operator's allow-list "
            + "(sit.images.allowed), else the run ends with reason ImageNotAllowed before anything is created.")
    @Size(min = 1, max = 512)
    @Pattern(Names.IMAGE_PATTERN)
    private String image;

    @JsonPropertyDescription("ConfigMap holding the Gherkin .feature files and the fixtures they reference.")
    @Required
    private FeaturesSource features;

    @JsonPropertyDescription("Cucumber tag expression selecting scenarios, e.g. '@smoke and not @slow'.")
    @Size(min = 1, max = 1024)
    private String tags;

    @JsonPropertyDescription("Extra environment variables for the runner (at most " + EnvRules.MAX_ENV + "). "
            + "They may not set the JVM's or the loader's variables, KUBERNETES_*, AWS_* or the run contract's "
            + "variables, nor read the operator's own objects (sit-*) with valueFrom. valueFrom.secretKeyRef names a Secret in the "
            + "SitRun's namespace: the operator copies that key into the run's namespace.")
    @Size(max = EnvRules.MAX_ENV)
    @ValidationRule(value = EnvRules.NAME_RULE, message = EnvRules.NAME_MESSAGE)
    @ValidationRule(value = EnvRules.VALUE_OR_VALUE_FROM_RULE, message = EnvRules.VALUE_OR_VALUE_FROM_MESSAGE)
    @ValidationRule(value = EnvRules.RUNNER_ENV_RULE, message = EnvRules.RUNNER_ENV_MESSAGE)
    @ValidationRule(value = EnvRules.VALUE_FROM_RULE, message = EnvRules.VALUE_FROM_MESSAGE)
    private List<EnvVar> env = new ArrayList<>();

    @JsonPropertyDescription("Compute resources of the runner container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("The team's own step definitions, loaded next to the built-in step library (see the "
            + "runner's docs/steps.md, 'Your own steps'). The step code runs inside the runner pod with the runner's "
            + "own permissions, no more; an admin may refuse user steps (sit.runner.user-steps=refused), which ends "
            + "the run with reason UserStepsNotAllowed before anything is created.")
    @Size(max = MAX_USER_STEPS)
    @ValidationRule(
            value = "self.all(s, self.exists_one(o, o.glue == s.glue))",
            message = "each glue package may be named once")
    private List<UserStepsSpec> steps = new ArrayList<>();

    @JsonPropertyDescription("Allow the fault-injection steps (a broker, database or system made unavailable or "
            + "restarted mid-scenario); default false. Only then may the runner scale this run's own built-in "
            + "broker StatefulSets (by name, through their scale subresource).")
    private Boolean faults;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public FeaturesSource getFeatures() {
        return features;
    }

    public void setFeatures(FeaturesSource features) {
        this.features = features;
    }

    /** Name of the features ConfigMap, or null when none is given. */
    public String featuresConfigMapName() {
        return features == null || features.getConfigMapRef() == null
                ? null
                : features.getConfigMapRef().getName();
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env == null ? new ArrayList<>() : env;
    }

    public List<UserStepsSpec> getSteps() {
        return steps;
    }

    public void setSteps(List<UserStepsSpec> steps) {
        this.steps = steps == null ? new ArrayList<>() : steps;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Boolean getFaults() {
        return faults;
    }

    public void setFaults(Boolean faults) {
        this.faults = faults;
    }

    /** Whether the SitRun opted in to the fault-injection steps. */
    public boolean faultsAllowed() {
        return Boolean.TRUE.equals(faults);
    }
}
