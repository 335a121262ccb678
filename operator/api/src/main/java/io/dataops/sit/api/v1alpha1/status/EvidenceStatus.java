package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class EvidenceStatus {

    @JsonPropertyDescription("ConfigMap in the SitRun's namespace, owned by the SitRun, whose binaryData key "
            + "evidence.tar.gz holds the bundle (kubectl sit evidence NAME -o DIR unpacks it).")
    private String configMap;

    @JsonPropertyDescription("When the bundle was captured (RFC 3339).")
    private String capturedAt;

    @JsonPropertyDescription("Size of the compressed bundle in bytes.")
    private Long sizeBytes;

    @JsonPropertyDescription("How many files the bundle holds (MANIFEST.txt lists them).")
    private Integer files;

    @JsonPropertyDescription(
            "True when something was cut to stay within the operator's bounds; MANIFEST.txt says what.")
    private boolean truncated;

    @JsonPropertyDescription("Why there is no bundle, or what is missing from it.")
    private String message;

    public String getConfigMap() {
        return configMap;
    }

    public void setConfigMap(String configMap) {
        this.configMap = configMap;
    }

    public String getCapturedAt() {
        return capturedAt;
    }

    public void setCapturedAt(String capturedAt) {
        this.capturedAt = capturedAt;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public Integer getFiles() {
        return files;
    }

    public void setFiles(Integer files) {
        this.files = files;
    }

    public boolean isTruncated() {
        return truncated;
    }

    public void setTruncated(boolean truncated) {
        this.truncated = truncated;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
