package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.provider) || self.provider != 'builtin' || !has(self.replicas) || self.replicas == 1",
        message = "the builtin provider runs a single broker: replicas must be 1 (use provider strimzi for more)",
        fieldPath = ".replicas")
public class KafkaSpec {

    public static final String DEFAULT_VERSION = "4.1.0";

    @JsonPropertyDescription("Who runs the broker: 'strimzi' (Kafka + KafkaNodePool + KafkaTopic resources, needs "
            + "Strimzi's CRDs and a Strimzi operator watching the run namespaces), 'builtin' (a single-node KRaft "
            + "StatefulSet from the Apache Kafka image), or 'auto' (strimzi when its CRDs are installed and the "
            + "operator is configured with sit.strimzi.watches-all-namespaces=true, builtin otherwise). Default auto.")
    private KafkaProvider provider;

    @JsonPropertyDescription(
            "Kafka version, e.g. 4.1.0. Builtin: the apache/kafka image tag, default " + DEFAULT_VERSION
                    + ". Strimzi: must be one the installed Strimzi supports; unset, Strimzi runs its own default version.")
    @Pattern("^[0-9]+\\.[0-9]+\\.[0-9]+$")
    private String version;

    @JsonPropertyDescription("Number of broker/controller nodes (strimzi only; builtin is always 1). Default 1.")
    @Min(1)
    @Max(9)
    private Integer replicas;

    @JsonPropertyDescription(
            "Container image for the builtin broker; default apache/kafka:<version>. An image given here must "
                    + "match the operator's allow-list (sit.images.allowed) when it has one.")
    @Size(min = 1, max = 512)
    @Pattern(Names.IMAGE_PATTERN)
    private String image;

    @JsonPropertyDescription("Topics created before the systems under test start.")
    // 100, not more: the uniqueness rule is quadratic and the API server rejects a CRD whose estimated CEL
    // cost exceeds its budget (200 topics of 249 characters did, by 3.4x).
    @Size(max = 100)
    @ValidationRule(value = "self.all(t, self.exists_one(o, o.name == t.name))", message = "topic names must be unique")
    private List<TopicSpec> topics = new ArrayList<>();

    public KafkaProvider getProvider() {
        return provider;
    }

    public void setProvider(KafkaProvider provider) {
        this.provider = provider;
    }

    public KafkaProvider providerOrDefault() {
        return provider == null ? KafkaProvider.AUTO : provider;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String versionOrDefault() {
        return version == null ? DEFAULT_VERSION : version;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public int replicasOrDefault() {
        return replicas == null ? 1 : replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<TopicSpec> getTopics() {
        return topics;
    }

    public void setTopics(List<TopicSpec> topics) {
        this.topics = topics == null ? new ArrayList<>() : topics;
    }
}
