package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresSpec {

    public static final String DEFAULT_VERSION = "16";

    @JsonPropertyDescription("PostgreSQL major version, e.g. 16. Default " + DEFAULT_VERSION + ".")
    @Pattern("^[0-9]{2}(\\.[0-9]+)?$")
    private String version;

    @JsonPropertyDescription(
            "Container image; default postgres:<version>. An image given here must match the operator's "
                    + "allow-list (sit.images.allowed) when it has one.")
    @Size(min = 1, max = 512)
    @Pattern(Names.IMAGE_PATTERN)
    private String image;

    @JsonPropertyDescription("Name of the database created in the server; default the database entry's name "
            + "with '-' replaced by '_'.")
    @Pattern(Names.SQL_COLUMN_PATTERN)
    @Size(max = 63)
    private String database;

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String versionOrDefault() {
        return version == null ? DEFAULT_VERSION : version;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }
}
