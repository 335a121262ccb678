package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** What the seeded dataset is: a manifest checked before any row is loaded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetSpec {

    @JsonPropertyDescription("The dataset manifest: version, files with sha256 checksums (every ConfigMap file a seed "
            + "step reads must be listed), expected app and migration version. Checked before any row is loaded; a "
            + "file whose checksum differs, an unlisted file or a datasetVersion other than the manifest's ends the "
            + "run as Error, reason DatasetDrift.")
    @Required
    private ManifestFile manifest;

    public ManifestFile getManifest() {
        return manifest;
    }

    public void setManifest(ManifestFile manifest) {
        this.manifest = manifest;
    }
}
