package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A Schema Registry for the run: Apicurio Registry with in-memory storage, serving the Confluent-compatible API
 * that Confluent-style serializers and deserializers expect. Its URL is injected as
 * SCHEMA_REGISTRY_URL / SIT_SCHEMA_REGISTRY_URL (RunContract).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaRegistrySpec {

    @JsonPropertyDescription("Start a Schema Registry for this run (default false): Apicurio Registry with in-memory "
            + "storage, empty at the start of every run, serving the Confluent-compatible REST API (the URL ends in "
            + "/apis/ccompat/v7). Its URL is injected into the runner and every system as SCHEMA_REGISTRY_URL and "
            + "SIT_SCHEMA_REGISTRY_URL. Steps that publish 'with the schema registry' register the record schema "
            + "under <topic>-value and write the registry wire format (magic byte 0, 4-byte schema id, payload). "
            + "In a cluster it runs as a Deployment and Service in the run's namespace (image set by the operator's "
            + "admin, sit.schema-registry.image); locally ./sit run starts it as a child process.")
    private Boolean enabled;

    public SchemaRegistrySpec() {}

    public SchemaRegistrySpec(Boolean enabled) {
        this.enabled = enabled;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    /** True when the spec asks for a registry. */
    public static boolean enabled(SchemaRegistrySpec spec) {
        return spec != null && Boolean.TRUE.equals(spec.enabled);
    }
}
