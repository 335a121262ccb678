package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A PostgreSQL database that already exists and is used as it is: no server is provisioned, and rows the run
 * writes are not removed (status.notIsolated says so). Seeding it is refused unless {@code allowSeed} says the
 * database may be written by the seed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalPostgres {

    /** One host (DNS name or IPv4 literal), an optional port, one database; no parameters (TLS is not supported yet). */
    public static final String JDBC_URL_PATTERN =
            "^jdbc:postgresql://([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?)(:([0-9]{1,5}))?/([A-Za-z_][A-Za-z0-9_$-]*)$";

    public static final int DEFAULT_PORT = 5432;
    private static final String PREFIX = "jdbc:postgresql://";

    @JsonPropertyDescription("JDBC URL of the database, jdbc:postgresql://<host>[:<port>]/<database> (one host, no "
            + "parameters). The host:port must be one the operator's admin allows (sit.isolation.external.allowed), otherwise "
            + "the run ends in Error with reason ExternalEndpointNotAllowed before anything is created.")
    @Required
    @Size(min = 20, max = 512)
    @Pattern(JDBC_URL_PATTERN)
    private String jdbcUrl;

    @JsonPropertyDescription("The Secret (in the SitRun's namespace) with the user name and password.")
    @Required
    private ExternalCredentials credentialsSecretRef;

    @JsonPropertyDescription("Let the seed steps and masking write into this existing database. Without it a database "
            + "with seed steps or masking.columns is refused: seeding someone else's database pollutes it, and the "
            + "rows are not removed afterwards. Data-quality gates (checks) only read and are always allowed.")
    private Boolean allowSeed;

    public ExternalPostgres() {}

    public ExternalPostgres(String jdbcUrl, ExternalCredentials credentialsSecretRef) {
        this.jdbcUrl = jdbcUrl;
        this.credentialsSecretRef = credentialsSecretRef;
    }

    public String getJdbcUrl() {
        return jdbcUrl;
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public ExternalCredentials getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(ExternalCredentials credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }

    public Boolean getAllowSeed() {
        return allowSeed;
    }

    public void setAllowSeed(Boolean allowSeed) {
        this.allowSeed = allowSeed;
    }

    public boolean seedAllowed() {
        return Boolean.TRUE.equals(allowSeed);
    }

    /** The URL's host. */
    @JsonIgnore
    public String host() {
        String authority = authority();
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** The URL's port, default 5432. */
    @JsonIgnore
    public int port() {
        String authority = authority();
        int colon = authority.indexOf(':');
        return colon < 0 ? DEFAULT_PORT : Integer.parseInt(authority.substring(colon + 1));
    }

    /** The URL's database name. */
    @JsonIgnore
    public String database() {
        String rest = valid().substring(PREFIX.length());
        return rest.substring(rest.indexOf('/') + 1);
    }

    /** host:port, as the admin's allow-list names endpoints. */
    @JsonIgnore
    public String endpoint() {
        return host() + ":" + port();
    }

    private String authority() {
        String rest = valid().substring(PREFIX.length());
        return rest.substring(0, rest.indexOf('/'));
    }

    private String valid() {
        if (jdbcUrl == null || !jdbcUrl.matches(JDBC_URL_PATTERN)) {
            throw new IllegalArgumentException("not a jdbc:postgresql://<host>[:<port>]/<database> URL");
        }
        return jdbcUrl;
    }
}
