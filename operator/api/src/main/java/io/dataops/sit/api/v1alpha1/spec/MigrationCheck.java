package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The schema migration the database must be at, read from the migration tool's history table or a query. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MigrationCheck {

    @JsonPropertyDescription("The expected migration version, compared as text (e.g. 42, 20261201120000, 1.4).")
    @Required
    @Size(min = 1, max = 128)
    private String version;

    @JsonPropertyDescription("A query returning the current version in its first column. Default: the latest "
            + "successful version in flyway_schema_history, else the highest in schema_migrations (Rails, "
            + "golang-migrate).")
    @Size(min = 1, max = 4096)
    private String query;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }
}
