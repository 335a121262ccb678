package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TopicSpec {

    @JsonPropertyDescription("Topic name (letters, digits, '.', '_' and '-', at most 249 characters).")
    @Required
    @Pattern(Names.TOPIC_PATTERN)
    // maxLength bounds the cost of the topic-uniqueness CEL rule (the API server rejects unbounded rules).
    @Size(max = 249)
    private String name;

    @JsonPropertyDescription("Number of partitions. Default 1.")
    @Min(1)
    @Max(1000)
    private Integer partitions;

    @JsonPropertyDescription("Replication factor, at most the broker's replicas. Default 1.")
    @Min(1)
    @Max(9)
    private Integer replicationFactor;

    @JsonPropertyDescription("Topic configuration, e.g. retention.ms or cleanup.policy.")
    private Map<String, String> config;

    public TopicSpec() {}

    public TopicSpec(String name, Integer partitions) {
        this.name = name;
        this.partitions = partitions;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getPartitions() {
        return partitions;
    }

    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public int partitionsOrDefault() {
        return partitions == null ? 1 : partitions;
    }

    public Integer getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(Integer replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public int replicationFactorOrDefault() {
        return replicationFactor == null ? 1 : replicationFactor;
    }

    public Map<String, String> getConfig() {
        return config;
    }

    public void setConfig(Map<String, String> config) {
        this.config = config;
    }
}
