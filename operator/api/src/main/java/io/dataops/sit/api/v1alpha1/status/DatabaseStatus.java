package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class DatabaseStatus {

    @JsonPropertyDescription("Name of the database entry in spec.databases.")
    private String name;

    @JsonPropertyDescription("Service host inside the cluster.")
    private String host;

    @JsonPropertyDescription("Service port.")
    private Integer port;

    @JsonPropertyDescription("Database name in the server.")
    private String database;

    @JsonPropertyDescription("Secret in the run's namespace holding user and password (never the password itself).")
    private String secretName;

    @JsonPropertyDescription("Rows loaded by the seed, all tables together.")
    private Long seededRows;

    @JsonPropertyDescription("Dataset version that was seeded.")
    private String datasetVersion;

    @JsonPropertyDescription("Whether the server accepts connections.")
    private boolean ready;

    @JsonPropertyDescription("Whether seeding and its gates completed.")
    private boolean seeded;

    @JsonPropertyDescription("Why the database is not ready or seeded, if known.")
    private String message;

    @JsonPropertyDescription("The data-quality gates' results, failed ones first, at most " + MAX_GATES
            + " (gatesOmitted counts the rest).")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<GateStatus> gates = new ArrayList<>();

    @JsonPropertyDescription("Gates left out of gates to keep the status small.")
    private Integer gatesOmitted;

    @JsonPropertyDescription("The dataset manifest the database was seeded from (spec.databases[].dataset).")
    private DatasetStatus dataset;

    /** At most this many gates per database in status: a status must stay small. */
    public static final int MAX_GATES = 20;

    @JsonPropertyDescription("Masking coverage reported by the seed: columns declared PII vs masked, and which key "
            + "masked them. Absent when the database masks nothing and declares no PII.")
    private MaskingStatus masking;

    public MaskingStatus getMasking() {
        return masking;
    }

    public void setMasking(MaskingStatus masking) {
        this.masking = masking;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public Long getSeededRows() {
        return seededRows;
    }

    public void setSeededRows(Long seededRows) {
        this.seededRows = seededRows;
    }

    public String getDatasetVersion() {
        return datasetVersion;
    }

    public void setDatasetVersion(String datasetVersion) {
        this.datasetVersion = datasetVersion;
    }

    public boolean isReady() {
        return ready;
    }

    public void setReady(boolean ready) {
        this.ready = ready;
    }

    public boolean isSeeded() {
        return seeded;
    }

    public void setSeeded(boolean seeded) {
        this.seeded = seeded;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public List<GateStatus> getGates() {
        return gates;
    }

    public void setGates(List<GateStatus> gates) {
        this.gates = gates == null ? new ArrayList<>() : gates;
    }

    public Integer getGatesOmitted() {
        return gatesOmitted;
    }

    public void setGatesOmitted(Integer gatesOmitted) {
        this.gatesOmitted = gatesOmitted;
    }

    public DatasetStatus getDataset() {
        return dataset;
    }

    public void setDataset(DatasetStatus dataset) {
        this.dataset = dataset;
    }
}
