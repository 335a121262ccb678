package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A system under test as a local process, for './sit run' only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LocalProcessSpec {

    @JsonPropertyDescription("Command line, e.g. [java, -jar, target/product-1.jar]; relative paths are resolved "
            + "against the SitRun file's folder. The same environment as in a cluster is injected.")
    @Required
    @Size(min = 1)
    private List<String> command;

    @JsonPropertyDescription("Working directory, relative to the SitRun file's folder. Default that folder.")
    private String workingDir;

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public String getWorkingDir() {
        return workingDir;
    }

    public void setWorkingDir(String workingDir) {
        this.workingDir = workingDir;
    }
}
