package io.dataops.sit.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election for the operator's replicas: QOSDK turns it on in the profiles listed in
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod) only when such a bean exists. Only the
 * holder of the Lease {@code sit.leader-election.lease-name} in {@code sit.leader-election.lease-namespace} starts
 * the controllers; the others wait, so two replicas never reconcile the same SitRun at once.
 */
public class LeaderElection {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "sit.leader-election.lease-name") String leaseName,
            @ConfigProperty(name = "sit.leader-election.lease-namespace") String leaseNamespace) {
        return new LeaderElectionConfiguration(leaseName, leaseNamespace);
    }
}
