package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.postgres) != has(self.external)",
        message = "a database is either provisioned (postgres) or an existing one (external): give exactly one")
@ValidationRule(
        value = "!has(self.external) || !has(self.snapshot) || !self.snapshot",
        fieldPath = ".snapshot",
        message = "snapshot copies a database the run owns; an external database cannot have one")
@ValidationRule(
        value = "!has(self.external) || (has(self.external.allowSeed) && self.external.allowSeed) || "
                + "((!has(self.seed) || size(self.seed) == 0) && (!has(self.masking) || !has(self.masking.columns) "
                + "|| size(self.masking.columns) == 0))",
        fieldPath = ".external",
        message = "seeding or masking an external database writes into someone else's data and is never undone: "
                + "set external.allowSeed: true to allow it")
public class DatabaseSpec {

    @JsonPropertyDescription("Name of the database, a DNS label unique in the run; used in object names and in the "
            + "SIT_DB_<NAME>_* variables.")
    @Required
    @Pattern(Names.DNS_LABEL_PATTERN)
    @Size(min = 1, max = Names.COMPONENT_NAME_MAX)
    private String name;

    @JsonPropertyDescription("A PostgreSQL server with one database, provisioned for the run. Exactly one of postgres "
            + "and external.")
    private PostgresSpec postgres;

    @JsonPropertyDescription("An existing PostgreSQL database used as it is instead of one provisioned for the run: "
            + "what the run writes is not removed (status.notIsolated says so). Exactly one of postgres and external.")
    private ExternalPostgres external;

    @JsonPropertyDescription("Keep a copy of the database as seeded (CREATE DATABASE ... TEMPLATE, after the gates "
            + "passed): a scenario tagged @isolated starts from it again, whatever the scenarios before it changed. "
            + "Restoring drops the database, so systems connected to it are disconnected and must reconnect.")
    private Boolean snapshot;

    @JsonPropertyDescription("Version label of the golden dataset being seeded (e.g. orders-golden-v3); recorded in "
            + "the status and in the database so results can be traced to the data they ran on.")
    @Size(max = 128)
    private String datasetVersion;

    @JsonPropertyDescription("Fixtures applied in order after the server is ready. Applying them again does not "
            + "duplicate data: SQL scripts should be idempotent, CSV loads replace the table's rows.")
    @Size(max = 100)
    private List<SeedStep> seed = new ArrayList<>();

    @JsonPropertyDescription(
            "Data-quality gates checked after seeding; a failing gate ends the run as Error with " + "the gate named.")
    @Size(max = 100)
    @ValidationRule(
            value = "self.all(c, has(c.table) || has(c.sql) || has(c.schema) || has(c.migration))",
            message = "each check needs a table, an sql query, a schema or a migration")
    private List<DataCheck> checks = new ArrayList<>();

    @JsonPropertyDescription(
            "The dataset's manifest, checked before any row is loaded and recorded in " + "status.databases[].dataset.")
    private DatasetSpec dataset;

    @JsonPropertyDescription("Secret key (in the SitRun's namespace) holding the private key that masks columns "
            + "(csv.mask, masking.columns) in the seed Job. Without it masking uses the public default key: "
            + "pseudonyms anyone can recompute (condition DefaultMaskingKey and a Warning event say so, and the "
            + "operator's admin may refuse such runs).")
    private SecretKeyRef maskingKeySecretRef;

    @JsonPropertyDescription("Personal data in this database: the columns declared PII (masking.pii) and how columns "
            + "are masked after the seed steps (masking.columns). Coverage is reported in status.databases[].masking.")
    private MaskingSpec masking;

    public MaskingSpec getMasking() {
        return masking;
    }

    public void setMasking(MaskingSpec masking) {
        this.masking = masking;
    }

    public SecretKeyRef getMaskingKeySecretRef() {
        return maskingKeySecretRef;
    }

    public void setMaskingKeySecretRef(SecretKeyRef maskingKeySecretRef) {
        this.maskingKeySecretRef = maskingKeySecretRef;
    }
    /** True when the seed masks columns: a CSV step's csv.mask, or masking.columns. */
    public boolean masksColumns() {
        return seed.stream()
                        .anyMatch(
                                s -> s.getCsv() != null && !s.getCsv().getMask().isEmpty())
                || (masking != null && !masking.getColumns().isEmpty());
    }

    public DatasetSpec getDataset() {
        return dataset;
    }

    public void setDataset(DatasetSpec dataset) {
        this.dataset = dataset;
    }

    /**
     * Every file this database's seed Job reads besides its steps' sql and csv: the dataset manifest and the expected
     * schema files of its checks (their ConfigMaps are copied into the run and mounted like the steps' ones).
     */
    public List<FileSource> gateFiles() {
        List<FileSource> files = new ArrayList<>();
        if (dataset != null && dataset.getManifest() != null) {
            files.add(dataset.getManifest());
        }
        for (DataCheck check : checks) {
            if (check.getSchema() != null) {
                files.add(check.getSchema());
            }
        }
        return files;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ExternalPostgres getExternal() {
        return external;
    }

    public void setExternal(ExternalPostgres external) {
        this.external = external;
    }

    /** True when the database exists already (spec.databases[].external): no server is provisioned for it. */
    public boolean external() {
        return external != null;
    }

    public PostgresSpec getPostgres() {
        return postgres;
    }

    public void setPostgres(PostgresSpec postgres) {
        this.postgres = postgres;
    }

    public Boolean getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(Boolean snapshot) {
        this.snapshot = snapshot;
    }

    public boolean snapshotRequested() {
        return Boolean.TRUE.equals(snapshot);
    }

    public String getDatasetVersion() {
        return datasetVersion;
    }

    public void setDatasetVersion(String datasetVersion) {
        this.datasetVersion = datasetVersion;
    }

    public List<SeedStep> getSeed() {
        return seed;
    }

    public void setSeed(List<SeedStep> seed) {
        this.seed = seed == null ? new ArrayList<>() : seed;
    }

    public List<DataCheck> getChecks() {
        return checks;
    }

    public void setChecks(List<DataCheck> checks) {
        this.checks = checks == null ? new ArrayList<>() : checks;
    }
}
