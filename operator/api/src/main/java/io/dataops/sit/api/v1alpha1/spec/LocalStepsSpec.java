package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A jar of user steps as a file, for './sit run' only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LocalStepsSpec {

    @JsonPropertyDescription("Path of the jar, relative to the SitRun file's folder, e.g. target/acme-steps.jar.")
    @Required
    @Size(min = 1, max = 1024)
    private String jar;

    public LocalStepsSpec() {}

    public LocalStepsSpec(String jar) {
        this.jar = jar;
    }

    public String getJar() {
        return jar;
    }

    public void setJar(String jar) {
        this.jar = jar;
    }
}
