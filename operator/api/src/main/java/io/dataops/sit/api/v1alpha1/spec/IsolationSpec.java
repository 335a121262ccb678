package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * How the run's namespace is fenced: a default-deny NetworkPolicy with traffic allowed inside the
 * namespace, a ResourceQuota and a LimitRange. Every value has an operator default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IsolationSpec {

    @JsonPropertyDescription("Create the default-deny NetworkPolicy plus allow-within-namespace (and DNS). Default true.")
    private Boolean networkPolicy;

    @JsonPropertyDescription("ResourceQuota hard limits for the namespace, e.g. {cpu: '8', memory: 16Gi, pods: '50'}; "
            + "merged over the operator defaults.")
    private Map<String, Quantity> quota;

    @JsonPropertyDescription("Default container requests (LimitRange defaultRequest), e.g. {cpu: 100m, memory: 256Mi}.")
    private Map<String, Quantity> defaultRequest;

    @JsonPropertyDescription("Default container limits (LimitRange default), e.g. {cpu: '1', memory: 1Gi}.")
    private Map<String, Quantity> defaultLimit;

    public Boolean getNetworkPolicy() { return networkPolicy; }
    public void setNetworkPolicy(Boolean networkPolicy) { this.networkPolicy = networkPolicy; }
    public boolean networkPolicyEnabled() { return networkPolicy == null || networkPolicy; }
    public Map<String, Quantity> getQuota() { return quota; }
    public void setQuota(Map<String, Quantity> quota) { this.quota = quota; }
    public Map<String, Quantity> getDefaultRequest() { return defaultRequest; }
    public void setDefaultRequest(Map<String, Quantity> defaultRequest) { this.defaultRequest = defaultRequest; }
    public Map<String, Quantity> getDefaultLimit() { return defaultLimit; }
    public void setDefaultLimit(Map<String, Quantity> defaultLimit) { this.defaultLimit = defaultLimit; }
}
