package io.dataops.sit.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Two replicas are safe only if QOSDK gets a leader-election configuration and the profile that activates it. */
class LeaderElectionTest {

    @Test
    void theLeaseIsNamedFromConfigAndLivesInTheOperatorsNamespace() {
        var config = new LeaderElection().leaderElection("sit-operator-leader");
        assertThat(config.getLeaseName()).isEqualTo("sit-operator-leader");
        assertThat(config.getLeaseNamespace()).contains(OperatorSettings.OperatorIdentity.fromConfig().namespace());
    }

    @Test
    void leaderElectionIsActiveInProductionAndTheLeaseNameIsConfigured() throws Exception {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(properties).contains("quarkus.operator-sdk.activate-leader-election-for-profiles=prod",
                "sit.leader-election.lease-name=sit-operator-leader");
    }
}
