package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class SystemStatus {

    @JsonPropertyDescription("Name of the system entry in spec.systems.")
    private String name;

    @JsonPropertyDescription("Whether its Deployment has the requested replicas available.")
    private boolean ready;

    @JsonPropertyDescription("Why it is not ready, if known (e.g. ImagePullBackOff).")
    private String message;

    @JsonPropertyDescription("Every image the system's pods ran during the run, as the kubelet resolved it "
            + "(containerStatuses[].imageID: repository@sha256:<digest>), sorted. One entry normally; more mean its "
            + "pods ran different builds (a tag that moved between pulls). Absent until a pod's container started.")
    private List<String> imageDigests;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isReady() {
        return ready;
    }

    public void setReady(boolean ready) {
        this.ready = ready;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public List<String> getImageDigests() {
        return imageDigests;
    }

    public void setImageDigests(List<String> imageDigests) {
        this.imageDigests = imageDigests == null || imageDigests.isEmpty() ? null : new ArrayList<>(imageDigests);
    }
}
