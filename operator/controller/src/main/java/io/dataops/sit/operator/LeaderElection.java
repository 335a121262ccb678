package io.dataops.sit.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election for the operator's replicas: QOSDK turns it on in the profiles listed in
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod) only when such a bean exists. Only the
 * holder of the Lease {@code sit.leader-election.lease-name} in the operator's namespace
 * ({@link OperatorSettings.OperatorIdentity}) starts the controllers; the others wait, so two replicas never
 * reconcile the same SitRun at once.
 */
public class LeaderElection {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "sit.leader-election.lease-name") String leaseName) {
        return new LeaderElectionConfiguration(leaseName, OperatorSettings.OperatorIdentity.fromConfig().namespace());
    }
}
