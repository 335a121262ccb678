package io.dataops.sit.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator-level settings added for real pods: their defaults and their syntax errors. */
class OperatorSettingsTest {

    @Test
    void defaultsFitAnUnconfiguredCluster() {
        OperatorSettings d = OperatorSettings.defaults();
        assertThat(d.podSecurityLevel()).isEqualTo("restricted");
        assertThat(d.strimziWatchesAllNamespaces()).isFalse();
        assertThat(d.podCreationGrace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.defaultNodeSelector()).isEmpty();
        assertThat(d.defaultTolerations()).isEmpty();
    }

    @Test
    void podSecurityLevelIsOneOfTheStandards() {
        assertThat(OperatorSettings.podSecurityLevel(" Baseline ")).isEqualTo("baseline");
        assertThatThrownBy(() -> OperatorSettings.podSecurityLevel("strict"))
                .hasMessageContaining("sit.pod-security.level");
    }

    @Test
    void malformedPlacementAndDnsSettingsAreRefusedByName() {
        assertThatThrownBy(() -> OperatorSettings.nodeSelector("disktype")).hasMessageContaining("sit.placement.node-selector");
        assertThatThrownBy(() -> OperatorSettings.tolerations("=x:NoSchedule")).hasMessageContaining("sit.placement.tolerations");
        assertThatThrownBy(() -> OperatorSettings.dnsPeers("cidr:10.0.0.10@70000")).hasMessageContaining("sit.network.dns.peers");
        assertThat(OperatorSettings.dnsPeers("cidr:fd00::a/128@53")).singleElement()
                .satisfies(p -> assertThat(p.cidr()).isEqualTo("fd00::a/128"));
    }

    @Test
    void theWorkloadFenceIsClosedByDefaultAndItsSizesAreQuantities() {
        OperatorSettings.WorkloadFence fence = OperatorSettings.defaults().workloadFence();
        assertThat(fence.allowedImages()).isEmpty();
        assertThat(fence.copyLabels()).isEmpty();
        assertThat(fence.referencesMaxBytes()).isEqualTo(1024 * 1024);
        assertThat(OperatorSettings.WorkloadFence.bytes(" 512Ki ")).isEqualTo(512 * 1024);
        for (String bad : java.util.List.of("0", "-1Mi", "1.5", "lots")) {
            assertThatThrownBy(() -> OperatorSettings.WorkloadFence.bytes(bad)).as(bad)
                    .hasMessageContaining("sit.references.max-bytes");
        }
    }

    @Test
    void theShippedConfigurationIsTheDefaults() {
        // application.properties is on the test classpath: what an unconfigured install runs with.
        assertThat(OperatorSettings.fromConfig().workloadFence()).isEqualTo(OperatorSettings.defaults().workloadFence());
    }
}
