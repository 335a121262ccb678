package io.dataops.sit.api.v1alpha1.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * One way out of the run namespace for the systems under test and the runner: an address block and the TCP
 * ports on it. The operator only accepts blocks inside its admin's list (sit.isolation.egress.allowed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EgressRule {

    /** An IPv4 block (a.b.c.d/0-32) or an IPv6 block (hex groups with '::', /0-128); the operator parses it fully. */
    public static final String CIDR_PATTERN = "^(([0-9]{1,3}\\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])"
            + "|[0-9a-fA-F:]*:[0-9a-fA-F:]*/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))$";

    @JsonPropertyDescription("Destination address block in CIDR notation, e.g. 10.20.0.0/16 or 2001:db8::/32. It must "
            + "lie inside one of the blocks the operator's admin allows (sit.isolation.egress.allowed), otherwise the "
            + "run ends in Error with reason EgressNotAllowed. The instance metadata endpoints (169.254.169.254, "
            + "fd00:ec2::254) are always excluded.")
    @Required
    @Pattern(CIDR_PATTERN)
    private String cidr;

    @JsonPropertyDescription("TCP ports allowed on that block, e.g. [443].")
    @Required
    @Size(min = 1, max = 16)
    @ValidationRule(value = "self.all(p, p >= 1 && p <= 65535)", message = "ports must be between 1 and 65535")
    private List<Integer> ports = new ArrayList<>();

    public EgressRule() {}

    public EgressRule(String cidr, List<Integer> ports) {
        this.cidr = cidr;
        this.ports = ports;
    }

    public String getCidr() {
        return cidr;
    }

    public void setCidr(String cidr) {
        this.cidr = cidr;
    }

    public List<Integer> getPorts() {
        return ports;
    }

    public void setPorts(List<Integer> ports) {
        this.ports = ports == null ? new ArrayList<>() : ports;
    }
}
