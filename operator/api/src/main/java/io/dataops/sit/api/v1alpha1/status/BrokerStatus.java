package io.dataops.sit.api.v1alpha1.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.sundr.builder.annotations.Buildable;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class BrokerStatus {

    @JsonPropertyDescription("Name of the broker entry in spec.brokers.")
    private String name;

    @JsonPropertyDescription("Provider actually used: strimzi or builtin.")
    private String provider;

    @JsonPropertyDescription("Bootstrap address inside the cluster, host:port.")
    private String bootstrapServers;

    @JsonPropertyDescription("Whether the broker answers and its topics exist.")
    private boolean ready;

    @JsonPropertyDescription("Why the broker is not ready yet, if known.")
    private String message;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
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
}
