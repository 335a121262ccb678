package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;
import java.util.ArrayList;
import java.util.List;

/** The runner Job's image: the reference the operator asked for and what the kubelet resolved it to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class RunnerStatus {

    @JsonPropertyDescription("The image the runner Job runs: spec.runner.image, or the operator's sit.runner.image.")
    private String image;

    @JsonPropertyDescription("The image the runner's pod ran, as the kubelet resolved it (containerStatuses[].imageID: "
            + "repository@sha256:<digest>). One entry normally. Absent until the runner's container started.")
    private List<String> imageDigests;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getImageDigests() {
        return imageDigests;
    }

    public void setImageDigests(List<String> imageDigests) {
        this.imageDigests = imageDigests == null || imageDigests.isEmpty() ? null : new ArrayList<>(imageDigests);
    }
}
