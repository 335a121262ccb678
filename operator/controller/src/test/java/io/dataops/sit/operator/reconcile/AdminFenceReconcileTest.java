package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.EgressRule;
import io.dataops.sit.api.v1alpha1.spec.IsolationSpec;
import io.dataops.sit.api.v1alpha1.status.CleanupStatus;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.dependents.EgressPolicyDependent;
import io.dataops.sit.operator.phase.Timestamps;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An admin who set the fence differently: ended namespaces kept at most 3 seconds (sit.cleanup.max-keep),
 * networkPolicy off allowed, one egress block allowed. What the admin allows works; the bound on keeping holds
 * whatever the run's own cleanup policy.
 */
@QuarkusTest
@TestProfile(AdminFenceReconcileTest.AdminFence.class)
@WithKubernetesTestServer(crud = true)
class AdminFenceReconcileTest extends TenantRunsTest {

    public static class AdminFence implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sit.cleanup.max-keep",
                    "3s",
                    "sit.isolation.allow-network-policy-off",
                    "true",
                    "sit.isolation.egress.allowed",
                    "10.20.0.0/16");
        }
    }

    String testingRunNamespace(String ns, String name, Consumer<SitRunSpec> customize) {
        apply(ns, name, customize);
        String runNs = awaitPhase(ns, name, Phase.TESTING).getStatus().getNamespace();
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        != null);
        return runNs;
    }

    void finish(String runNs, boolean passed) {
        new ClusterSimulator(client).writeRunnerResult(runNs, ClusterSimulator.runnerResult(passed));
        if (passed) {
            new ClusterSimulator(client).markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        } else {
            new ClusterSimulator(client).markJobFailed(runNs, Constants.RUNNER_JOB_NAME, "BackoffLimitExceeded");
        }
    }

    /** The namespace goes at most max-keep after the end, and the status says so. */
    void deletedWithinMaxKeep(String ns, String name, String runNs, String policy) {
        eventually().until(() -> get(ns, name).getStatus().getCleanup().isNamespaceDeleted());
        SitRun ended = get(ns, name);
        assertThat(client.namespaces().withName(runNs).get()).isNull();
        assertThat(ended.getStatus().getCleanup().getPolicy()).isEqualTo(policy);
        assertThat(Duration.between(
                        Timestamps.parse(ended.getStatus().getCompletionTime()),
                        Timestamps.parse(ended.getStatus().getCleanup().getDeleteAfter())))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aRunWithoutTtlIsDeletedAfterMaxKeepNotKeptUntilTheSitRunGoes() {
        String ns = tenantNamespace("admin");
        String runNs = testingRunNamespace(ns, "forever", s -> {});
        finish(runNs, true);
        awaitPhase(ns, "forever", Phase.SUCCEEDED);
        deletedWithinMaxKeep(ns, "forever", runNs, CleanupStatus.POLICY_KEEP);
        assertThat(get(ns, "forever")).isNotNull();
    }

    @Test
    void keepOnFailureAndALongTtlAreBoundedByMaxKeepToo() {
        String ns = tenantNamespace("admin");
        String kept = testingRunNamespace(ns, "kept", s -> {
            s.setKeepOnFailure(true);
            s.setKeepOnFailureFor("24h");
        });
        String ttl = testingRunNamespace(ns, "ttl", s -> s.setTtlSecondsAfterFinished(86400L));
        finish(kept, false);
        finish(ttl, true);
        deletedWithinMaxKeep(ns, "kept", kept, CleanupStatus.POLICY_KEEP_ON_FAILURE);
        deletedWithinMaxKeep(ns, "ttl", ttl, CleanupStatus.POLICY_TTL);
    }

    @Test
    void networkPolicyOffWithTheAdminsConsentStillBlocksTheMetadataEndpoint() {
        String ns = tenantNamespace("admin");
        String runNs = testingRunNamespace(ns, "open", s -> {
            IsolationSpec isolation = new IsolationSpec();
            isolation.setNetworkPolicy(false);
            s.setIsolation(isolation);
        });
        List<NetworkPolicy> policies = client.network()
                .v1()
                .networkPolicies()
                .inNamespace(runNs)
                .list()
                .getItems();
        assertThat(policies).extracting(p -> p.getMetadata().getName()).containsExactly(Constants.NETWORK_POLICY_NAME);
        assertThat(policies.get(0).getSpec().getEgress())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getTo())
                        .filteredOn(p -> p.getIpBlock() != null)
                        .extracting(p -> p.getIpBlock().getExcept())
                        .containsExactly(List.of("169.254.169.254/32"), List.of("fd00:ec2::254/128")));
    }

    @Test
    void egressInsideTheAllowedBlockGetsItsPolicy() {
        String ns = tenantNamespace("admin");
        String runNs = testingRunNamespace(ns, "saas", s -> {
            IsolationSpec isolation = new IsolationSpec();
            isolation.setEgress(List.of(new EgressRule("10.20.30.0/24", List.of(443))));
            s.setIsolation(isolation);
        });
        NetworkPolicy egress = client.network()
                .v1()
                .networkPolicies()
                .inNamespace(runNs)
                .withName(EgressPolicyDependent.NAME)
                .get();
        assertThat(egress.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.20.30.0/24");
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(443);
        });
        assertThat(client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(runNs)
                        .list()
                        .getItems())
                .hasSize(3);

        String other = tenantNamespace("admin");
        apply(other, "outside", s -> {
            IsolationSpec isolation = new IsolationSpec();
            isolation.setEgress(List.of(new EgressRule("10.21.0.0/24", List.of(443))));
            s.setIsolation(isolation);
        });
        assertThat(awaitPhase(other, "outside", Phase.ERROR).getStatus().getMessage())
                .contains("10.21.0.0/24")
                .contains("[10.20.0.0/16]");
    }
}
