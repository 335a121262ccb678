package io.dataops.sit.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election for the operator's replicas: QOSDK turns it on in the profiles listed in
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod) only when such a bean exists. Only the
 * holder of the Lease {@code sit.leader-election.lease-name} in the operator's namespace
 * ({@link OperatorSettings.OperatorIdentity}) starts the controllers; the others wait, so two replicas never
 * reconcile the same SitRun at once. The same callbacks tell {@link Leadership} (the orphan sweep runs on the leader
 * only); JOSDK calls them before its own.
 */
public class LeaderElection {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "sit.leader-election.lease-name") String leaseName,
            Leadership leadership,
            OperatorSettings.OperatorIdentity operator) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
                .withLeaseNamespace(operator.namespace())
                .withLeaderCallbacks(
                        new LeaderCallbacks(leadership::startedLeading, leadership::stoppedLeading, newLeader -> {}))
                .build();
    }
}
