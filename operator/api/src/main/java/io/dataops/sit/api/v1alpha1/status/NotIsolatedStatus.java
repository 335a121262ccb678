package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;

/** One part of the run that is shared with others instead of being the run's own (an external broker or database). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class NotIsolatedStatus {

    public static final String KIND_BROKER = "Broker";
    public static final String KIND_DATABASE = "Database";

    @JsonPropertyDescription("Broker or Database.")
    private String kind;

    @JsonPropertyDescription("Name of the entry in spec.brokers or spec.databases.")
    private String name;

    @JsonPropertyDescription("What the run uses: bootstrap servers, or the database's host:port/database.")
    private String endpoint;

    @JsonPropertyDescription("What is shared, and what the run leaves behind there.")
    private String message;

    public NotIsolatedStatus() {}

    public NotIsolatedStatus(String kind, String name, String endpoint, String message) {
        this.kind = kind;
        this.name = name;
        this.endpoint = endpoint;
        this.message = message;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
