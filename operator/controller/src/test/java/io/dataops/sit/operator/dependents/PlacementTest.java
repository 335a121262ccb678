package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.PlacementSpec;
import io.dataops.sit.api.v1alpha1.spec.Toleration;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaDependent;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaNodePoolDependent;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {

    static final Toleration KWOK = new Toleration("kwok.x-k8s.io/node", "Equal", "fake", "NoSchedule");

    static SitRun benchmarkRun() {
        SitRun run = PodSecurityTest.fullRun();
        PlacementSpec placement = new PlacementSpec();
        placement.setNodeSelector(Map.of("type", "kwok"));
        placement.setTolerations(List.of(KWOK));
        run.getSpec().setPlacement(placement);
        return run;
    }

    @Test
    void everyPodOfTheRunGetsTheRunsPlacement() {
        Map<String, PodSpec> pods = PodSecurityTest.podTemplates(benchmarkRun());
        assertThat(pods).hasSize(6).allSatisfy((owner, pod) -> {
            assertThat(pod.getNodeSelector()).as(owner).containsExactly(Map.entry("type", "kwok"));
            assertThat(pod.getTolerations()).as(owner).singleElement().satisfies(t -> {
                assertThat(t.getKey()).isEqualTo("kwok.x-k8s.io/node");
                assertThat(t.getOperator()).isEqualTo("Equal");
                assertThat(t.getValue()).isEqualTo("fake");
                assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
        });
        // without spec.placement (and no operator default) nothing tolerates the fake nodes
        assertThat(PodSecurityTest.podTemplates(PodSecurityTest.fullRun()).values())
                .allSatisfy(pod -> assertThat(pod.getTolerations()).isEmpty());
    }

    @Test
    void strimziPodsGetThePlacementThroughTheirTemplates() {
        SitRun run = benchmarkRun();
        var b = broker("events", KafkaProvider.STRIMZI);
        var pool = StrimziKafkaNodePoolDependent.desired(run, b).getSpec().getTemplate();
        assertThat(pool.getPod().getTolerations()).extracting(t -> t.getKey()).containsExactly("kwok.x-k8s.io/node");
        assertThat(pool.getPod()
                        .getAffinity()
                        .getNodeAffinity()
                        .getRequiredDuringSchedulingIgnoredDuringExecution()
                        .getNodeSelectorTerms()
                        .get(0)
                        .getMatchExpressions())
                .singleElement()
                .satisfies(m ->
                        assertThat(m.getKey() + m.getOperator() + m.getValues()).isEqualTo("typeIn[kwok]"));
        assertThat(pool.getKafkaContainer()
                        .getSecurityContext()
                        .getCapabilities()
                        .getDrop())
                .containsExactly("ALL");
        var eo = StrimziKafkaDependent.desired(run, b)
                .getSpec()
                .getEntityOperator()
                .getTemplate();
        assertThat(eo.getPod().getTolerations()).hasSize(1);
        assertThat(eo.getTopicOperatorContainer().getSecurityContext().getAllowPrivilegeEscalation())
                .isFalse();
    }

    @Test
    void operatorDefaultsMergeWithTheRunsPlacement() {
        OperatorSettings settings = OperatorSettings.defaults()
                .withDefaultPlacement(
                        OperatorSettings.nodeSelector("pool=sit, type=real"),
                        OperatorSettings.tolerations("dedicated=sit:NoSchedule"));
        Placement merged = Placement.of(benchmarkRun(), settings);
        assertThat(merged.nodeSelector()).containsExactly(Map.entry("pool", "sit"), Map.entry("type", "kwok"));
        assertThat(merged.tolerations()).extracting(t -> t.getKey()).containsExactly("dedicated", "kwok.x-k8s.io/node");
        Placement defaultsOnly = Placement.of(PodSecurityTest.fullRun(), settings);
        assertThat(defaultsOnly.nodeSelector()).containsEntry("type", "real");
        assertThat(defaultsOnly.tolerations()).hasSize(1);
    }

    @Test
    void tolerationSettingsUseKubectlsTaintSyntax() {
        var t = OperatorSettings.tolerations("a=b:NoExecute,c:NoSchedule,d");
        assertThat(t)
                .extracting(x -> x.getKey() + "|" + x.getOperator() + "|" + x.getValue() + "|" + x.getEffect())
                .containsExactly("a|Equal|b|NoExecute", "c|Exists|null|NoSchedule", "d|Exists|null|null");
        assertThatThrownBy(() -> OperatorSettings.tolerations("a=b:Sometimes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OperatorSettings.defaults().defaultTolerations()).isEmpty();
    }
}
