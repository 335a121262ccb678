package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.UserStepsSpec;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * spec.runner.steps with the operator's defaults (user steps allowed): the jar's ConfigMap is copied into the run
 * namespace and mounted read-only into the runner pod beside the features; a key that is missing or not a jar ends
 * the run before the runner starts.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class UserStepsReconcileTest extends TenantRunsTest {

    static String smallJar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("com/acme/sit/steps/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("com/acme/sit/steps/AcmeSteps.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            zip.closeEntry();
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** A tenant namespace with the features and a ConfigMap {@code acme-steps} holding {@code content}. */
    String namespaceWithSteps(Map<String, String> binaryData, Map<String, String> data) {
        String ns = tenantNamespace("steps");
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("acme-steps")
                        .endMetadata()
                        .withBinaryData(binaryData)
                        .withData(data)
                        .build())
                .create();
        return ns;
    }

    SitRun applyWithSteps(String ns, String name, String key) {
        return apply(
                ns,
                name,
                s -> s.getRunner()
                        .setSteps(List.of(
                                new UserStepsSpec("com.acme.sit.steps", new ConfigMapKeyRef("acme-steps", key)))));
    }

    @Test
    void theJarsConfigMapIsCopiedAndMountedReadOnlyIntoTheRunnerPod() throws Exception {
        String jar = smallJar();
        String ns = namespaceWithSteps(Map.of("steps.jar", jar), Map.of());
        applyWithSteps(ns, "with-steps", "steps.jar");
        String runNs = awaitPhase(ns, "with-steps", Phase.TESTING).getStatus().getNamespace();
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        != null);

        ConfigMap copy =
                client.configMaps().inNamespace(runNs).withName("acme-steps").get();
        assertThat(copy.getBinaryData()).containsExactly(Map.entry("steps.jar", jar));
        Job runner = client.batch()
                .v1()
                .jobs()
                .inNamespace(runNs)
                .withName(Constants.RUNNER_JOB_NAME)
                .get();
        PodSpec pod = runner.getSpec().getTemplate().getSpec();
        Volume volume = pod.getVolumes().stream()
                .filter(v -> v.getConfigMap() != null
                        && "acme-steps".equals(v.getConfigMap().getName()))
                .findFirst()
                .orElseThrow();
        VolumeMount mount = pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getName().equals(volume.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(mount.getMountPath()).isEqualTo(RunContract.CONFIGMAPS_MOUNT_PATH + "/acme-steps");
        assertThat(mount.getReadOnly()).isTrue();
        // The jar adds no permission: the runner keeps its own ServiceAccount.
        assertThat(pod.getServiceAccountName()).isEqualTo(RunContract.RUNNER_SERVICE_ACCOUNT);
    }

    @Test
    void aMissingKeyIsNamedBeforeTheRunnerStarts() throws Exception {
        String ns = namespaceWithSteps(Map.of("steps.jar", smallJar()), Map.of());
        applyWithSteps(ns, "wrong-key", "acme.jar");
        SitRun run = awaitPhase(ns, "wrong-key", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo(RunReason.USER_STEPS_INVALID.value());
        assertThat(run.getStatus().getMessage())
                .contains("ConfigMap acme-steps has no key 'acme.jar'")
                .contains("kubectl create configmap acme-steps --from-file=acme.jar=");
        assertNoRunnerJob(run);
    }

    @Test
    void aKeyThatIsNotAJarIsNamedBeforeTheRunnerStarts() {
        String ns = namespaceWithSteps(Map.of(), Map.of("steps.jar", "public class AcmeSteps {}"));
        applyWithSteps(ns, "source-not-jar", "steps.jar");
        SitRun run = awaitPhase(ns, "source-not-jar", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo(RunReason.USER_STEPS_INVALID.value());
        assertThat(run.getStatus().getMessage()).contains("key 'steps.jar' is not a jar");
        assertNoRunnerJob(run);
    }

    void assertNoRunnerJob(SitRun run) {
        String runNs = run.getStatus().getNamespace();
        if (runNs != null) {
            assertThat(client.batch()
                            .v1()
                            .jobs()
                            .inNamespace(runNs)
                            .withName(Constants.RUNNER_JOB_NAME)
                            .get())
                    .isNull();
        }
    }
}
