package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A Kubernetes toleration (core/v1 Toleration: same fields, same meaning), declared here so that every field is
 * described in the CRD and checked by the schema rather than by the API server at pod creation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.key) && self.key != '' || (has(self.operator) && self.operator == 'Exists')",
        message = "a toleration without a key must use operator Exists (it then tolerates every taint)")
@ValidationRule(
        value = "!has(self.operator) || self.operator != 'Exists' || !has(self.value) || self.value == ''",
        message = "operator Exists takes no value",
        fieldPath = ".value")
@ValidationRule(
        value = "!has(self.tolerationSeconds) || (has(self.effect) && self.effect == 'NoExecute')",
        message = "tolerationSeconds only applies to effect NoExecute",
        fieldPath = ".tolerationSeconds")
public class Toleration {

    @JsonPropertyDescription("Taint key the toleration applies to, e.g. kwok.x-k8s.io/node. Empty with operator "
            + "Exists: every taint.")
    @Size(max = 317)
    private String key;

    @JsonPropertyDescription("Exists (any value of the key) or Equal (the value below). Default Equal.")
    @Pattern("^(Exists|Equal)$")
    private String operator;

    @JsonPropertyDescription("Taint value the toleration matches with operator Equal.")
    @Size(max = 63)
    private String value;

    @JsonPropertyDescription("Taint effect matched: NoSchedule, PreferNoSchedule or NoExecute. Empty: every effect.")
    @Pattern("^(NoSchedule|PreferNoSchedule|NoExecute)$")
    private String effect;

    @JsonPropertyDescription(
            "With effect NoExecute: how long the pod stays bound after the taint appears. " + "Unset: forever.")
    // At most 7 days (longer than any run). Not more: from 1e7 on the generator writes the bound as e.g. 3.1536E7,
    // which strict YAML 1.1 resolvers (PyYAML, say: the exponent has no sign) read as a string.
    @Min(0)
    @Max(604800)
    private Long tolerationSeconds;

    public Toleration() {}

    public Toleration(String key, String operator, String value, String effect) {
        this.key = key;
        this.operator = operator;
        this.value = value;
        this.effect = effect;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getOperator() {
        return operator;
    }

    public void setOperator(String operator) {
        this.operator = operator;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getEffect() {
        return effect;
    }

    public void setEffect(String effect) {
        this.effect = effect;
    }

    public Long getTolerationSeconds() {
        return tolerationSeconds;
    }

    public void setTolerationSeconds(Long tolerationSeconds) {
        this.tolerationSeconds = tolerationSeconds;
    }
}
