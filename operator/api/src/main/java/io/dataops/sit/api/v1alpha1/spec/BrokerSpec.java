package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BrokerSpec {

    @JsonPropertyDescription("Name of the broker, a DNS label unique in the run; used in object names and in the "
            + "SIT_KAFKA_<NAME>_BOOTSTRAP_SERVERS variable.")
    @Required
    @Pattern(Names.DNS_LABEL_PATTERN)
    @Size(min = 1, max = Names.COMPONENT_NAME_MAX)
    private String name;

    @JsonPropertyDescription("A Kafka cluster in KRaft mode.")
    @Required
    private KafkaSpec kafka;

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

    public KafkaSpec getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSpec kafka) {
        this.kafka = kafka;
    }
}
