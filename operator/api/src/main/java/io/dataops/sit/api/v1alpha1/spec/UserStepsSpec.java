package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A team's own Gherkin step definitions: a jar and the Java package in it that holds the step classes. The runner
 * loads the jar next to its built-in step library, so the dry run binds the features' steps to both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UserStepsSpec {

    /** The runner's own packages: user glue there (or above them) would scan and could shadow the built-in steps. */
    public static final String RUNNER_PACKAGE = "io.dataops.sit.runner";

    public static final String GLUE_RULE = "self != '" + RUNNER_PACKAGE + "' && !self.startsWith('" + RUNNER_PACKAGE
            + ".') && !'" + RUNNER_PACKAGE + "'.startsWith(self + '.')";
    public static final String GLUE_MESSAGE =
            "glue may not be " + RUNNER_PACKAGE + ", a package in it or one above it: those hold the built-in steps";

    @JsonPropertyDescription("Java package holding the step classes (and its sub-packages), e.g. com.acme.sit.steps. "
            + "Not " + RUNNER_PACKAGE + " nor a package in or above it, so user steps cannot shadow the built-in "
            + "ones; a step text both define is refused as a duplicate before any scenario runs.")
    @Required
    @Size(min = 1, max = 200)
    @Pattern("^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$")
    @ValidationRule(value = GLUE_RULE, message = GLUE_MESSAGE)
    private String glue;

    @JsonPropertyDescription("The jar holding the glue package's classes, in a ConfigMap's binaryData "
            + "(kubectl create configmap acme-steps --from-file=steps.jar=target/acme-steps.jar). A ConfigMap holds at "
            + "most 1 MiB, and counts towards sit.references.max-bytes.")
    @Required
    private StepsJarSource jar;

    @JsonPropertyDescription("How './sit run' finds the jar on a laptop (ignored in a cluster). Without it, local "
            + "mode reads jar.configMapRef like any other ConfigMap reference.")
    private LocalStepsSpec local;

    public UserStepsSpec() {}

    public UserStepsSpec(String glue, ConfigMapKeyRef jar) {
        this.glue = glue;
        this.jar = new StepsJarSource(jar);
    }

    /** True when {@code glue} is the runner's own package, one in it or one above it (what {@link #GLUE_RULE} refuses). */
    public static boolean reservedGlue(String glue) {
        return glue.equals(RUNNER_PACKAGE)
                || glue.startsWith(RUNNER_PACKAGE + ".")
                || RUNNER_PACKAGE.startsWith(glue + ".");
    }

    /** The ConfigMap key holding the jar, or null when none is given. */
    public ConfigMapKeyRef jarRef() {
        return jar == null ? null : jar.getConfigMapRef();
    }

    public String getGlue() {
        return glue;
    }

    public void setGlue(String glue) {
        this.glue = glue;
    }

    public StepsJarSource getJar() {
        return jar;
    }

    public void setJar(StepsJarSource jar) {
        this.jar = jar;
    }

    public LocalStepsSpec getLocal() {
        return local;
    }

    public void setLocal(LocalStepsSpec local) {
        this.local = local;
    }
}
