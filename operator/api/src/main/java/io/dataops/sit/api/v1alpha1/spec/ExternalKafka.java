package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Arrays;
import java.util.List;

/**
 * A Kafka cluster that already exists and is used as it is: nothing is provisioned, no topic is created, and what the
 * run writes stays there (status.notIsolated says so). Plaintext only for now: the runner's clients and the
 * injected variables carry a bootstrap address, no SASL/SSL properties.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalKafka {

    /** host:port[,host:port...]; a host is a DNS name or an IPv4 literal (IPv6 brackets are not accepted). */
    public static final String BOOTSTRAP_PATTERN =
            "^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:[0-9]{1,5}(,[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:[0-9]{1,5})*$";

    @JsonPropertyDescription(
            "Bootstrap servers of the existing cluster, host:port[,host:port...], reached in plaintext. "
                    + "Every host:port must be one the operator's admin allows (sit.isolation.external.allowed), otherwise the run ends "
                    + "in Error with reason ExternalEndpointNotAllowed before anything is created. Its topics must exist (or "
                    + "the cluster create them on first use): the run creates none on a cluster it does not own.")
    @Required
    @Size(min = 3, max = 1024)
    @Pattern(BOOTSTRAP_PATTERN)
    private String bootstrapServers;

    public ExternalKafka() {}

    public ExternalKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The host:port entries of {@link #getBootstrapServers()}. */
    @JsonIgnore
    public List<String> endpoints() {
        return bootstrapServers == null
                ? List.of()
                : Arrays.stream(bootstrapServers.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
