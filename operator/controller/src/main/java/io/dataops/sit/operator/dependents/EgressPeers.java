package io.dataops.sit.operator.dependents;

import io.dataops.sit.operator.Cidr;
import io.dataops.sit.operator.OperatorSettings.IsolationFence;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.List;
import java.util.Optional;

/**
 * Every address block a run's NetworkPolicies open goes through here, so none of them ever reaches an instance
 * metadata endpoint ({@link IsolationFence#INSTANCE_METADATA}): a block containing one gets it as an
 * {@code except}; a block that is nothing but one is never opened.
 */
public final class EgressPeers {

    private EgressPeers() {}

    /** The ipBlock peer for {@code cidr} minus the metadata endpoints; empty when the block is one of them. */
    public static Optional<NetworkPolicyPeer> ipBlock(String cidr) {
        Cidr block = Cidr.parse(cidr);
        if (IsolationFence.INSTANCE_METADATA.contains(block)) {
            return Optional.empty();
        }
        List<String> except = IsolationFence.INSTANCE_METADATA.stream()
                .filter(block::contains)
                .map(Cidr::toString)
                .toList();
        return Optional.of(new NetworkPolicyPeerBuilder()
                .withNewIpBlock()
                .withCidr(block.toString())
                .withExcept(except.isEmpty() ? null : except)
                .endIpBlock()
                .build());
    }
}
