package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ReportStatus {

    @JsonPropertyDescription("ConfigMap in the SitRun's namespace, owned by the SitRun, holding the runner's reports "
            + "gzip-compressed in binaryData (kubectl sit report NAME --junit|--json|--html fetches them).")
    private String configMap;

    @JsonPropertyDescription("The binaryData keys present, e.g. junit.xml.gz, result.json.gz, report.html.gz.")
    private List<String> keys = new ArrayList<>();

    @JsonPropertyDescription("What was left out to stay within the size bound, or why there is no report.")
    private String message;

    public String getConfigMap() {
        return configMap;
    }

    public void setConfigMap(String configMap) {
        this.configMap = configMap;
    }

    public List<String> getKeys() {
        return keys;
    }

    public void setKeys(List<String> keys) {
        this.keys = keys == null ? new ArrayList<>() : keys;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
