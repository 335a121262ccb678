package io.dataops.sit.operator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.operator.dependents.TestRuns;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ArtifactConfigMapsTest {

    KubernetesClient client;

    @Test
    void writesALabelledConfigMapOwnedButNotControlledByTheSitRunAndUpdatesItsOwn() {
        var run = TestRuns.run("orders");
        String name = Artifacts.reportConfigMap("orders");

        var first = ArtifactConfigMaps.write(
                client, run, name, Artifacts.COMPONENT_REPORT, Map.of("a.gz", "AAAA"), Map.of("NOTE.txt", "first"));
        var second = ArtifactConfigMaps.write(
                client, run, name, Artifacts.COMPONENT_REPORT, Map.of("a.gz", "BBBB"), Map.of("NOTE.txt", "second"));

        assertThat(first.written()).isTrue();
        assertThat(second.written()).isTrue();
        var cm = client.configMaps()
                .inNamespace("team-a")
                .withName("orders.sit-report")
                .get();
        assertThat(cm.getMetadata().getLabels())
                .containsEntry(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                .containsEntry(Labels.COMPONENT, Artifacts.COMPONENT_REPORT)
                .containsEntry(Labels.RUN, "orders");
        assertThat(cm.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("SitRun");
            assertThat(owner.getApiVersion()).isEqualTo("sit.dataops.io/v1alpha1");
            assertThat(owner.getUid()).isEqualTo("uid-orders");
            assertThat(owner.getController()).isNotEqualTo(Boolean.TRUE);
        });
        assertThat(cm.getBinaryData()).containsEntry("a.gz", "BBBB");
        assertThat(cm.getData()).containsEntry("NOTE.txt", "second");
    }

    @Test
    void aForeignConfigMapOfThatNameIsLeftUntouched() {
        var run = TestRuns.run("clash");
        String name = Artifacts.evidenceConfigMap("clash");
        var foreign = client.configMaps()
                .inNamespace("team-a")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .addToData("mine", "tenant data")
                        .build())
                .create();

        var written = ArtifactConfigMaps.write(
                client, run, name, Artifacts.COMPONENT_EVIDENCE, Map.of(Artifacts.EVIDENCE_KEY, "AAAA"), Map.of());

        assertThat(written.written()).isFalse();
        assertThat(written.message()).contains(name, "does not belong to this SitRun", "left untouched");
        var after = client.configMaps().inNamespace("team-a").withName(name).get();
        assertThat(after.getMetadata().getResourceVersion())
                .isEqualTo(foreign.getMetadata().getResourceVersion());
        assertThat(after.getData()).containsOnlyKeys("mine");
    }
}
