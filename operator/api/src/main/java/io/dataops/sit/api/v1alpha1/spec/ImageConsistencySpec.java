package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule that the systems under test come from one build (the check a stage library out of sync with its core
 * needs): each covered system declares the build its image comes from (systems[].revision), and the image digests
 * the kubelet resolved for its pods must agree. Read-only information plus a tightening rule: it can end a run, never
 * allow anything.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageConsistencySpec {

    /** A revision: a commit SHA, a tag or a build number, as a CI system writes it. */
    public static final String REVISION_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._+-]*$";

    public static final int REVISION_MAX = 128;

    @JsonPropertyDescription("What happens when the covered systems come from different builds: declared revisions "
            + "that differ, a system whose pods run more than one image digest, or systems naming the same image "
            + "repository that resolve to different digests. Fail: the run ends in Error with reason "
            + "ImagesFromDifferentBuilds, naming the systems and their revisions (before the runner starts when "
            + "the difference is known by then). Warn: condition ImagesConsistent=False and a Warning Event "
            + "ImagesFromDifferentBuilds; the run goes on.")
    @Required
    private ImageConsistencyPolicy policy;

    @JsonPropertyDescription("Names of the systems that must come from one build (default: every system). Each one "
            + "must exist in spec.systems and declare a revision; leave out systems built elsewhere (a mock, a "
            + "third-party service).")
    @Size(min = 1, max = 32)
    @ValidationRule(value = "self.all(n, self.exists_one(o, o == n))", message = "system names must be unique")
    private List<@Pattern(Names.DNS_LABEL_PATTERN) @Size(min = 1, max = Names.COMPONENT_NAME_MAX) String> systems;

    public ImageConsistencyPolicy getPolicy() {
        return policy;
    }

    public void setPolicy(ImageConsistencyPolicy policy) {
        this.policy = policy;
    }

    public List<String> getSystems() {
        return systems;
    }

    public void setSystems(List<String> systems) {
        this.systems = systems == null ? null : new ArrayList<>(systems);
    }

    /** Whether the rule covers the system: listed, or every system when no list is given. */
    public boolean covers(String system) {
        return systems == null || systems.contains(system);
    }
}
