package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SystemPort {

    @JsonPropertyDescription("Port name (IANA service name style); default 'p<port>'.")
    @Pattern("^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$")
    private String name;

    @JsonPropertyDescription("Container and Service port.")
    @Required
    @Min(1)
    @Max(65535)
    private Integer port;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String nameOrDefault() {
        return name != null ? name : "p" + port;
    }
}
