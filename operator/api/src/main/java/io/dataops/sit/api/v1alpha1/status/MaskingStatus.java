package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;
import java.util.ArrayList;
import java.util.List;

/** Masking coverage of one database, as its seed reported it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class MaskingStatus {

    @JsonPropertyDescription("Private (the key from maskingKeySecretRef) or Default (the public project key: "
            + "pseudonyms anyone can recompute). Never the key itself.")
    private String key;

    @JsonPropertyDescription("Number of columns declared PII (masking.pii).")
    private int declared;

    @JsonPropertyDescription("Number of columns masked (csv.mask and masking.columns, declared PII or not).")
    private int masked;

    @JsonPropertyDescription("Declared PII columns nothing masks (table.column); the seed refuses to load them "
            + "(reason PiiUnmasked), so a seeded database has none.")
    private List<String> unmasked = new ArrayList<>();

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public int getDeclared() {
        return declared;
    }

    public void setDeclared(int declared) {
        this.declared = declared;
    }

    public int getMasked() {
        return masked;
    }

    public void setMasked(int masked) {
        this.masked = masked;
    }

    public List<String> getUnmasked() {
        return unmasked;
    }

    public void setUnmasked(List<String> unmasked) {
        this.unmasked = unmasked == null ? new ArrayList<>() : unmasked;
    }
}
