package io.dataops.sit.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two replicas are safe only if QOSDK gets a leader-election configuration and the profile that activates it. */
class LeaderElectionTest {

    @Test
    void theLeaseIsNamedFromConfigAndLivesInTheOperatorsNamespace() {
        var operator = new OperatorSettings.OperatorIdentity("sit-operator", "sit-operators");
        var config = new LeaderElection().leaderElection("sit-operator-leader", new Leadership(true), operator);
        assertThat(config.getLeaseName()).isEqualTo("sit-operator-leader");
        assertThat(config.getLeaseNamespace()).contains("sit-operators");
        assertThat(config.isExitOnStopLeading())
                .as("a replica that lost the Lease must not keep reconciling")
                .isTrue();
    }

    /** The orphan sweep runs on the leader only: JOSDK's leader callbacks drive Leadership. */
    @Test
    void theLeaderCallbacksTellLeadershipAndRunItsTasks() {
        Leadership leadership = new Leadership(true);
        var ran = new AtomicInteger();
        leadership.onStartLeading(ran::incrementAndGet);
        var callbacks = new LeaderElection()
                .leaderElection("sit-operator-leader", leadership, OperatorSettings.OperatorIdentity.DEFAULT)
                .getLeaderCallbacks()
                .orElseThrow();
        assertThat(leadership.isLeader()).isFalse();

        callbacks.onStartLeading();
        assertThat(leadership.isLeader()).isTrue();
        assertThat(ran).hasValue(1);

        var late = new AtomicInteger();
        leadership.onStartLeading(late::incrementAndGet);
        assertThat(late).as("registered after the Lease was won: run at once").hasValue(1);

        callbacks.onStopLeading();
        assertThat(leadership.isLeader()).isFalse();
        assertThat(new Leadership(false).isLeader())
                .as("without leader election every replica is the only one")
                .isTrue();
    }

    @Test
    void leaderElectionIsActiveInProductionAndTheLeaseNameIsConfigured() throws Exception {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(properties)
                .contains(
                        "quarkus.operator-sdk.activate-leader-election-for-profiles=prod",
                        "sit.leader-election.lease-name=sit-operator-leader");
    }
}
