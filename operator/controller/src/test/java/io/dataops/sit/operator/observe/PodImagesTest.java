package io.dataops.sit.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.phase.RunImages;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodImagesTest {

    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);

    static Pod pod(String name, String component, String instance, String... imageIds) {
        var builder = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(Labels.COMPONENT, component)
                .endMetadata()
                .withNewStatus()
                .endStatus();
        if (instance != null) {
            builder.editMetadata().addToLabels(Labels.INSTANCE, instance).endMetadata();
        }
        for (String id : imageIds) {
            builder.editStatus()
                    .addNewContainerStatus()
                    .withName("main")
                    .withImageID(id)
                    .endContainerStatus()
                    .endStatus();
        }
        return builder.build();
    }

    @Test
    void readsEachSystemsAndTheRunnersResolvedImagesFromTheKubeletsReport() {
        SitRun run = TestRuns.run("orders");
        run.getSpec().setSystems(List.of(TestRuns.system("product-1"), TestRuns.system("product-2")));
        RunImages images = PodImages.of(
                run,
                List.of(
                        pod("product-1-a", Constants.COMPONENT_SYSTEM, "product-1", "registry.example.com/p1@" + A),
                        pod(
                                "product-1-b",
                                Constants.COMPONENT_SYSTEM,
                                "product-1",
                                "docker-pullable://registry.example.com/p1@" + B),
                        pod("product-2-a", Constants.COMPONENT_SYSTEM, "product-2", ""),
                        pod("stray", Constants.COMPONENT_SYSTEM, "not-in-spec", "x@" + A),
                        pod("kafka-0", Constants.COMPONENT_BROKER, "events", "apache/kafka@" + A),
                        pod("sit-runner-x", Constants.COMPONENT_RUNNER, null, "ghcr.io/dataops-sit/sit-runner@" + A)));
        assertThat(images.of("product-1"))
                .as("both pods, the dockershim scheme dropped")
                .containsExactly("registry.example.com/p1@" + A, "registry.example.com/p1@" + B);
        assertThat(images.of("product-2"))
                .as("a container not started yet has no imageID")
                .isEmpty();
        assertThat(images.systems()).containsOnlyKeys("product-1");
        assertThat(images.runner()).containsExactly("ghcr.io/dataops-sit/sit-runner@" + A);
    }
}
