package io.dataops.sit.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.AwsSpec;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole operator (QOSDK, the SitRun workflow) on the CRUD mock server with the STS stub on loopback: a run
 * with spec.aws gets the credentials Secret in its namespace, STS is not called again while they are fresh,
 * and a refused role ends the run in Error with reason AssumeRoleFailed and no Secret.
 *
 * <p>Needs {@link AwsCredentialsSecretDependent} in SitRunReconciler's workflow (dependsOn the namespace,
 * activationCondition {@link AwsRequestedCondition}) and the reconciler mapping a non-retryable
 * {@link AwsCredentialsException} to phase Error with {@link AwsCredentialsException#getReason()}. Verified
 * with that wiring in a private copy: the first test passed; the second waits for the mapping (the reconciler
 * retried the refused role about once a second instead).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = StsStubResource.class, restrictToAnnotatedClass = true)
class AwsCredentialsOperatorTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/sit-runner";
    private static final String DENIED_ROLE = "arn:aws:iam::123456789012:role/not-for-sit";

    @Inject
    KubernetesClient client;

    /** The admin's mapping (sit-aws-roles in the operator's namespace, sit-system in tests). */
    @BeforeEach
    void mapRoles() {
        if (client.namespaces().withName("sit-system").get() == null) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("sit-system")
                            .endMetadata()
                            .build())
                    .create();
        }
        client.configMaps()
                .inNamespace("sit-system")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("sit-aws-roles")
                        .endMetadata()
                        .addToData("aws-ok", ROLE)
                        .addToData("aws-denied", "arn:aws:iam::123456789012:role/not-for-sit\n# comment\n")
                        .addToData("aws-unmapped-other", ROLE)
                        .build())
                .createOr(r -> r.update());
    }

    @Test
    void unmappedRoleEndsTheRunInErrorBeforeAnythingIsCreatedOrStsIsCalled() {
        String unmapped = "arn:aws:iam::123456789012:role/sit/someone-elses";
        SitRun run = apply("aws-unmapped", "orders-unmapped", unmapped);

        SitRun failed = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> client.resources(SitRun.class)
                                .inNamespace("aws-unmapped")
                                .withName("orders-unmapped")
                                .get(),
                        r -> r.getStatus() != null && r.getStatus().getPhase() == Phase.ERROR);

        assertThat(failed.getStatus().getReason()).isEqualTo(RunReason.AWS_ROLE_NOT_ALLOWED.value());
        assertThat(failed.getStatus().getMessage())
                .contains("aws-unmapped", unmapped)
                .doesNotContain("sit-operator");
        assertThat(callsFor(unmapped)).isEmpty();
        assertThat(client.namespaces().withName(RunNames.namespace(run)).get())
                .as("nothing created for a refused role")
                .isNull();
    }

    @Test
    void runGetsCredentialsOnceWhileFresh() {
        SitRun run = apply("aws-ok", "orders-aws", ROLE);
        String runNamespace = awaitRunNamespace(run);

        Secret secret = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> client.secrets()
                                .inNamespace(runNamespace)
                                .withName(AwsNames.SECRET)
                                .get(),
                        s -> s != null);

        assertThat(new String(
                        Base64.getDecoder().decode(secret.getData().get(RunContract.AWS_CREDENTIALS_KEY)),
                        StandardCharsets.UTF_8))
                .contains("aws_session_token = " + StsStub.SESSION_TOKEN_PREFIX);
        assertThat(secret.getMetadata().getOwnerReferences()).isNullOrEmpty();
        // Written with plain calls (no Secret informer): no JOSDK mapping annotations, the run's labels.
        assertThat(secret.getMetadata().getAnnotations()).doesNotContainKey(Mappers.DEFAULT_ANNOTATION_FOR_NAME);
        assertThat(secret.getMetadata().getLabels())
                .containsEntry(Labels.RUN, "orders-aws")
                .containsEntry(Labels.RUN_NAMESPACE, "aws-ok");
        StsStub.Request call = callsFor(ROLE).getFirst();
        assertThat(call.action()).isEqualTo("AssumeRole");
        assertThat(call.params())
                .containsEntry("RoleSessionName", "sit-orders-aws")
                .containsEntry("Tags.member.1.Value", "orders-aws")
                .containsEntry("Tags.member.2.Value", "aws-ok")
                .containsEntry("ExternalId", "sit:aws-ok")
                .containsEntry("SourceIdentity", "aws-ok");
        assertThat(call.authorization()).contains("Credential=" + StsStubResource.OPERATOR_ACCESS_KEY + "/");

        // The operator keeps reconciling the run (phase changes, polling); none of that reaches STS.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> callsFor(ROLE).size() == 1);
    }

    @Test
    void refusedRoleEndsTheRunInErrorWithoutASecret() {
        StsStubResource.stub.deny(DENIED_ROLE);
        SitRun run = apply("aws-denied", "orders-denied", DENIED_ROLE);

        SitRun failed = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> client.resources(SitRun.class)
                                .inNamespace("aws-denied")
                                .withName("orders-denied")
                                .get(),
                        r -> r.getStatus() != null && r.getStatus().getPhase() == Phase.ERROR);

        assertThat(failed.getStatus().getReason()).isEqualTo(RunReason.ASSUME_ROLE_FAILED.value());
        assertThat(failed.getStatus().getMessage())
                .contains("AccessDenied")
                .as("STS' text names the operator's role")
                .doesNotContain("assumed-role/sit-operator");
        assertThat(callsFor(DENIED_ROLE)).isNotEmpty();
        String runNamespace = failed.getStatus().getNamespace();
        if (runNamespace != null) {
            assertThat(client.secrets()
                            .inNamespace(runNamespace)
                            .withName(AwsNames.SECRET)
                            .get())
                    .isNull();
        }
    }

    private List<StsStub.Request> callsFor(String role) {
        return StsStubResource.stub.requests().stream()
                .filter(r -> role.equals(r.params().get("RoleArn")))
                .toList();
    }

    private String awaitRunNamespace(SitRun run) {
        return await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> client.resources(SitRun.class)
                                .inNamespace(run.getMetadata().getNamespace())
                                .withName(run.getMetadata().getName())
                                .get()
                                .getStatus()
                                .getNamespace(),
                        ns -> ns != null);
    }

    private SitRun apply(String namespace, String name, String role) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .endMetadata()
                        .build())
                .create();
        client.configMaps()
                .inNamespace(namespace)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name + "-features")
                        .endMetadata()
                        .addToData("a.feature", "Feature: a\n")
                        .build())
                .create();
        SitRun run = new SitRun();
        run.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        SitRunSpec spec = new SitRunSpec();
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap(name + "-features"));
        spec.setRunner(runner);
        AwsSpec aws = new AwsSpec();
        aws.setRoleArn(role);
        aws.setRegion("eu-west-1");
        spec.setAws(aws);
        run.setSpec(spec);
        return client.resource(run).create();
    }
}
