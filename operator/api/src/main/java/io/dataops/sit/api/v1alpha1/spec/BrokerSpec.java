package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.kafka) != has(self.external)",
        message = "a broker is either provisioned (kafka) or an existing one (external): give exactly one")
public class BrokerSpec {

    @JsonPropertyDescription("Name of the broker, a DNS label unique in the run; used in object names and in the "
            + "SIT_KAFKA_<NAME>_BOOTSTRAP_SERVERS variable.")
    @Required
    @Pattern(Names.DNS_LABEL_PATTERN)
    @Size(min = 1, max = Names.COMPONENT_NAME_MAX)
    private String name;

    @JsonPropertyDescription(
            "A Kafka cluster in KRaft mode, provisioned for the run. Exactly one of kafka and external.")
    private KafkaSpec kafka;

    @JsonPropertyDescription("An existing Kafka cluster used as it is instead of one provisioned for the run: topics "
            + "and consumer groups are shared with its other users (status.notIsolated says so). Exactly one of kafka "
            + "and external.")
    private ExternalKafka external;

    public BrokerSpec() {}

    public BrokerSpec(String name, KafkaSpec kafka) {
        this.name = name;
        this.kafka = kafka;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ExternalKafka getExternal() {
        return external;
    }

    public void setExternal(ExternalKafka external) {
        this.external = external;
    }

    /** True when the broker exists already (spec.brokers[].external): nothing is provisioned for it. */
    public boolean external() {
        return external != null;
    }

    public KafkaSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSpec kafka) {
        this.kafka = kafka;
    }
}
