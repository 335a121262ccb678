package io.dataops.sit.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.evidence.Artifacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The operator-level settings added for real pods: their defaults and their syntax errors. */
class OperatorSettingsTest {

    @Test
    void concurrencyDefaultsToNoLimitAndTenFinishedRunsPerGroupAndRefusesNegativeValues() {
        var d = OperatorSettings.Concurrency.DEFAULTS;
        assertThat(d.maxActive()).isZero();
        assertThat(d.maxActivePerNamespace()).isZero();
        assertThat(d.historyMaxFinishedPerGroup()).isEqualTo(10);
        assertThat(d.limited()).isFalse();
        assertThat(new OperatorSettings.Concurrency(0, 3, 10).limited()).isTrue();
        assertThatThrownBy(() -> new OperatorSettings.Concurrency(-1, 0, 10))
                .hasMessageContaining("sit.concurrency.max-active");
    }

    @Test
    void defaultsFitAnUnconfiguredCluster() {
        OperatorSettings d = OperatorSettings.defaults();
        assertThat(d.podSecurityLevel()).isEqualTo("restricted");
        assertThat(d.strimziWatchesAllNamespaces()).isFalse();
        assertThat(d.podCreationGrace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.defaultNodeSelector()).isEmpty();
        assertThat(d.defaultTolerations()).isEmpty();
    }

    /** application.properties and the code agree on the sweep's defaults (the brief's and deploy/README's). */
    @Test
    void theSweepSettingsDefaultAndRefuseANonPositiveInterval() throws Exception {
        assertThat(OperatorSettings.Sweep.DEFAULTS)
                .isEqualTo(new OperatorSettings.Sweep(
                        Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(10)));
        assertThat(Files.readString(Path.of("src/main/resources/application.properties")))
                .contains(
                        "\nsit.sweep.grace=10m\n",
                        "\nsit.sweep.interval=5m\n",
                        "\nsit.sweep.stuck-terminating-after=10m\n");
        assertThat(OperatorSettings.Sweep.from(SitConfig.of(Map.of("sit.sweep.grace", "1h30m")))
                        .grace())
                .as("read from the configuration")
                .isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(
                        () -> new OperatorSettings.Sweep(Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(10)))
                .hasMessageContaining("sit.sweep.interval");
        assertThatThrownBy(() -> new OperatorSettings.Sweep(
                        Duration.ofMinutes(-1), Duration.ofMinutes(5), Duration.ofMinutes(10)))
                .hasMessageContaining("sit.sweep.grace");
    }

    @Test
    void podSecurityLevelIsOneOfTheStandards() {
        assertThat(OperatorSettings.podSecurityLevel(" Baseline ")).isEqualTo("baseline");
        assertThatThrownBy(() -> OperatorSettings.podSecurityLevel("strict"))
                .hasMessageContaining("sit.pod-security.level");
    }

    @Test
    void malformedPlacementAndDnsSettingsAreRefusedByName() {
        assertThatThrownBy(() -> OperatorSettings.nodeSelector("disktype"))
                .hasMessageContaining("sit.placement.node-selector");
        assertThatThrownBy(() -> OperatorSettings.tolerations("=x:NoSchedule"))
                .hasMessageContaining("sit.placement.tolerations");
        assertThatThrownBy(() -> OperatorSettings.dnsPeers("cidr:10.0.0.10@70000"))
                .hasMessageContaining("sit.network.dns.peers");
        assertThat(OperatorSettings.dnsPeers("cidr:fd00::a/128@53"))
                .singleElement()
                .satisfies(p -> assertThat(p.cidr()).isEqualTo("fd00::a/128"));
    }

    @Test
    void theFenceDefaultsLetTenantsOnlyLower() {
        OperatorSettings d = OperatorSettings.defaults();
        assertThat(d.isolationFence().quotaMax()).isEqualTo(d.quota());
        assertThat(d.isolationFence().maxLimit()).containsOnlyKeys("cpu", "memory");
        assertThat(d.isolationFence().timeoutMax()).isEqualTo(Duration.ofHours(2));
        assertThat(d.isolationFence().allowNetworkPolicyOff()).isFalse();
        assertThat(d.isolationFence().egressAllowed()).isEmpty();
        assertThat(d.maxKeep()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void operatorDefaultsOutsideTheAdminsOwnBoundsAreRefusedAtStart() {
        OperatorSettings d = OperatorSettings.defaults();
        OperatorSettings.IsolationFence fence = d.isolationFence();
        assertThatThrownBy(() -> d.withIsolationFence(new OperatorSettings.IsolationFence(
                        OperatorSettings.quantities("pods=10"),
                        fence.maxLimit(),
                        fence.timeoutMax(),
                        false,
                        List.of())))
                .hasMessageContaining("sit.isolation.quota pods=50 is above sit.isolation.quota-max pods=10");
        assertThatThrownBy(() -> d.withIsolationFence(new OperatorSettings.IsolationFence(
                        fence.quotaMax(),
                        OperatorSettings.quantities("cpu=1,memory=8Gi"),
                        fence.timeoutMax(),
                        false,
                        List.of())))
                .hasMessageContaining("sit.isolation.default-limit cpu=2 is above sit.isolation.max-limit cpu=1");
        assertThatThrownBy(() -> d.withIsolationFence(new OperatorSettings.IsolationFence(
                        fence.quotaMax(),
                        OperatorSettings.quantities("cpu=4,memory=8Gi,ephemeral-storage=1Gi"),
                        fence.timeoutMax(),
                        false,
                        List.of())))
                .hasMessageContaining("sit.isolation.default-limit must then name too");
        assertThatThrownBy(() -> d.withIsolationFence(new OperatorSettings.IsolationFence(
                        fence.quotaMax(), fence.maxLimit(), Duration.ofMinutes(10), false, List.of())))
                .hasMessageContaining("sit.timeout.default 30m is above sit.timeout.max 10m");
        OperatorSettings imdsDns = new OperatorSettings(
                d.runnerImage(),
                d.defaultTimeout(),
                d.provisioningTimeout(),
                d.seedingTimeout(),
                d.imagePullGrace(),
                d.pollInterval(),
                d.keepOnFailureFor(),
                d.maxKeep(),
                d.quota(),
                d.defaultRequest(),
                d.defaultLimit(),
                d.podSecurityLevel(),
                OperatorSettings.dnsPeers("cidr:169.254.169.254/32"),
                d.defaultNodeSelector(),
                d.defaultTolerations(),
                d.podCreationGrace(),
                d.strimziWatchesAllNamespaces(),
                fence,
                d.workloadFence());
        assertThatThrownBy(() -> imdsDns.withIsolationFence(fence)).hasMessageContaining("sit.network.dns.peers");
    }

    @Test
    void theWorkloadFenceIsClosedByDefaultAndItsSizesAreQuantities() {
        OperatorSettings.WorkloadFence fence = OperatorSettings.defaults().workloadFence();
        assertThat(fence.allowedImages()).isEmpty();
        assertThat(fence.copyLabels()).isEmpty();
        assertThat(fence.referencesMaxBytes()).isEqualTo(1024 * 1024);
        assertThat(OperatorSettings.WorkloadFence.bytes(" 512Ki ")).isEqualTo(512 * 1024);
        for (String bad : List.of("0", "-1Mi", "1.5", "lots")) {
            assertThatThrownBy(() -> OperatorSettings.WorkloadFence.bytes(bad))
                    .as(bad)
                    .hasMessageContaining("sit.references.max-bytes");
        }
    }

    /** The sit.* lines of application.properties: what an unconfigured install runs with. */
    static Map<String, String> shipped() throws Exception {
        var properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        Map<String, String> sit = new TreeMap<>();
        properties.stringPropertyNames().stream()
                .filter(k -> k.startsWith("sit."))
                .forEach(k -> sit.put(k, properties.getProperty(k)));
        return sit;
    }

    @Test
    void theShippedConfigurationIsTheDefaults() throws Exception {
        RunSettings shipped = RunSettings.of(shipped());
        assertThat(shipped.operator()).isEqualTo(OperatorSettings.defaults());
        assertThat(shipped).isEqualTo(RunSettings.defaults());
        assertThat(OperatorSettings.Sweep.from(SitConfig.of(shipped()))).isEqualTo(OperatorSettings.Sweep.DEFAULTS);
    }

    @Test
    void propertiesAreReadByTheirDocumentedNamesAndABadValueStopsTheStartWithItsName() {
        RunSettings s = RunSettings.of(Map.of(
                "sit.concurrency.max-active",
                "3",
                "sit.timeout.default",
                "45m",
                "sit.aws.roles-configmap",
                "roles",
                "sit.placement.tolerations",
                "gpu:NoSchedule",
                "sit.isolation.quota",
                "pods=10",
                "sit.history.max-finished-per-group",
                "4"));
        assertThat(s.concurrency().maxActive()).isEqualTo(3);
        assertThat(s.concurrency().historyMaxFinishedPerGroup()).isEqualTo(4);
        assertThat(s.operator().defaultTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(s.secrets().rolesConfigMap()).isEqualTo("roles");
        assertThat(s.secrets().rolesNamespace()).as("the operator's namespace").isEqualTo("sit-system");
        assertThat(s.operator().defaultTolerations())
                .singleElement()
                .satisfies(t -> assertThat(t.getKey() + t.getEffect()).isEqualTo("gpuNoSchedule"));
        assertThat(s.operator().isolationFence().quotaMax())
                .as("quota-max defaults to the quota")
                .isEqualTo(OperatorSettings.quantities("pods=10"));
        assertThat(RunSettings.from(SitConfig.of(Map.of()), Optional.of("ops"))
                        .identity()
                        .namespace())
                .as("KUBERNETES_NAMESPACE when sit.operator.namespace is unset")
                .isEqualTo("ops");
        assertThatThrownBy(() -> RunSettings.of(Map.of("sit.concurrency.max-active", "-1")))
                .hasMessageContaining("sit.concurrency.max-active");
        assertThatThrownBy(() -> OperatorSettings.Sweep.from(SitConfig.of(Map.of("sit.sweep.grace", "-5m"))))
                .hasMessageContaining("sit.sweep.grace");
        assertThatThrownBy(() -> RunSettings.of(Map.of("sit.evidence.sample-rows", "many")))
                .hasMessageContaining("sit.evidence.sample-rows");
    }

    @Test
    void evidenceBoundsDefaultToTheContractAndCannotExceedAConfigMap() {
        assertThat(OperatorSettings.Evidence.from(SitConfig.of(Map.of("sit.evidence.sample-rows", "5")))
                        .sampleRows())
                .isEqualTo(5);
        assertThat(OperatorSettings.Evidence.DEFAULTS.maxBytes()).isEqualTo(Artifacts.MAX_EVIDENCE_BYTES);
        assertThat(OperatorSettings.Evidence.DEFAULTS.logBytesPerContainer()).isEqualTo(131072);
        assertThat(OperatorSettings.Evidence.DEFAULTS.sampleRecords()).isEqualTo(20);
        assertThat(OperatorSettings.Evidence.DEFAULTS.sampleRows()).isEqualTo(20);
        Assertions.assertThatThrownBy(
                        () -> new OperatorSettings.Evidence(Artifacts.MAX_EVIDENCE_BYTES + 1, 131072, 20, 20))
                .hasMessageContaining("sit.evidence.max-bytes");
        Assertions.assertThatThrownBy(() -> new OperatorSettings.Evidence(900 * 1024, 100, 20, 20))
                .hasMessageContaining("sit.evidence.log-bytes-per-container");
    }
}
