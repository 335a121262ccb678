package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;

/** The dataset a database was seeded from, as its manifest describes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class DatasetStatus {

    @JsonPropertyDescription("The manifest's version.")
    private String version;

    @JsonPropertyDescription("Where the manifest was read from (configmap NAME/KEY, or inline).")
    private String manifest;

    @JsonPropertyDescription("SHA-256 of the manifest file: the exact dataset description the run used.")
    private String manifestSha256;

    @JsonPropertyDescription("How many files the manifest lists (each checked against its sha256).")
    private Integer files;

    @JsonPropertyDescription("The application version the manifest says the dataset is for (recorded, not checked).")
    private String appVersion;

    @JsonPropertyDescription("The migration version the manifest expects (checked after seeding as a gate).")
    private String migrationVersion;

    @JsonPropertyDescription(
            "How the dataset differs from its manifest or from datasetVersion; absent when it " + "matches.")
    private String drift;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest;
    }

    public String getManifestSha256() {
        return manifestSha256;
    }

    public void setManifestSha256(String manifestSha256) {
        this.manifestSha256 = manifestSha256;
    }

    public Integer getFiles() {
        return files;
    }

    public void setFiles(Integer files) {
        this.files = files;
    }

    public String getAppVersion() {
        return appVersion;
    }

    public void setAppVersion(String appVersion) {
        this.appVersion = appVersion;
    }

    public String getMigrationVersion() {
        return migrationVersion;
    }

    public void setMigrationVersion(String migrationVersion) {
        this.migrationVersion = migrationVersion;
    }

    public String getDrift() {
        return drift;
    }

    public void setDrift(String drift) {
        this.drift = drift;
    }
}
