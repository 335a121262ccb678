package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the run's namespace is fenced: a default-deny NetworkPolicy with traffic allowed inside the
 * namespace, a ResourceQuota and a LimitRange. Every value has an operator default, and the operator's admin
 * sets the bounds: a SitRun can only tighten the fence (lower quota, fewer ways out), never widen it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IsolationSpec {

    @JsonPropertyDescription(
            "Create the default-deny NetworkPolicy plus allow-within-namespace (and DNS). Default true. "
                    + "Setting it to false is an admin decision: unless the operator is configured with "
                    + "sit.isolation.allow-network-policy-off=true the run ends in Error with reason NetworkPolicyRequired. "
                    + "Even when allowed, egress to the instance metadata endpoints (169.254.169.254, fd00:ec2::254) stays "
                    + "blocked.")
    private Boolean networkPolicy;

    @JsonPropertyDescription("ResourceQuota hard limits for the namespace, e.g. {requests.cpu: '4', pods: '20'}; "
            + "merged over the operator defaults (sit.isolation.quota). A value above the operator's cap "
            + "(sit.isolation.quota-max, by default the defaults themselves) ends the run in Error with reason "
            + "QuotaAboveLimit; keys the cap does not name may be added (a quota key only restricts).")
    private Map<String, Quantity> quota;

    @JsonPropertyDescription("Default container requests (LimitRange defaultRequest), e.g. {cpu: 100m, memory: 256Mi}. "
            + "At most the operator's per-container maximum (sit.isolation.max-limit), else Error ResourcesAboveLimit.")
    private Map<String, Quantity> defaultRequest;

    @JsonPropertyDescription("Default container limits (LimitRange default), e.g. {cpu: '1', memory: 1Gi}. "
            + "At most the operator's per-container maximum (sit.isolation.max-limit), else Error ResourcesAboveLimit.")
    private Map<String, Quantity> defaultLimit;

    @JsonPropertyDescription("Extra ways out for the systems under test and the runner (the network policy denies "
            + "everything else), e.g. [{cidr: 10.20.0.0/16, ports: [443]}], so they can reach a cloud API or a SaaS "
            + "without switching isolation off. Each block must lie inside the operator's allowed list "
            + "(sit.isolation.egress.allowed, empty by default), otherwise the run ends in Error with reason "
            + "EgressNotAllowed. The instance metadata endpoints are always excluded.")
    @Size(max = 16)
    private List<EgressRule> egress = new ArrayList<>();

    public Boolean getNetworkPolicy() {
        return networkPolicy;
    }

    public void setNetworkPolicy(Boolean networkPolicy) {
        this.networkPolicy = networkPolicy;
    }

    public boolean networkPolicyEnabled() {
        return networkPolicy == null || networkPolicy;
    }

    public Map<String, Quantity> getQuota() {
        return quota;
    }

    public void setQuota(Map<String, Quantity> quota) {
        this.quota = quota;
    }

    public Map<String, Quantity> getDefaultRequest() {
        return defaultRequest;
    }

    public void setDefaultRequest(Map<String, Quantity> defaultRequest) {
        this.defaultRequest = defaultRequest;
    }

    public Map<String, Quantity> getDefaultLimit() {
        return defaultLimit;
    }

    public void setDefaultLimit(Map<String, Quantity> defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    public List<EgressRule> getEgress() {
        return egress;
    }

    public void setEgress(List<EgressRule> egress) {
        this.egress = egress == null ? new ArrayList<>() : egress;
    }
}
