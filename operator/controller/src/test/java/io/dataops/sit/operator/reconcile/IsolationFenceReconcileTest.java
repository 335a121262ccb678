package io.dataops.sit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.EgressRule;
import io.dataops.sit.api.v1alpha1.spec.IsolationSpec;
import io.dataops.sit.api.v1alpha1.spec.PhaseTimeouts;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Quantity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The admin's fence with the operator's default settings (no quota above the defaults, no tenant egress,
 * networkPolicy required, timeouts up to 2h): a run asking for more ends in Error with a reason naming what it
 * asked and the bound, before its namespace exists; and an ended run's systems stop running.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class IsolationFenceReconcileTest extends TenantRunsTest {

    /** The run ended in Error with that reason, and nothing of it was created. */
    SitRun refused(Consumer<SitRunSpec> customize, String reason) {
        String ns = tenantNamespace("fence");
        SitRun created = apply(ns, "greedy", customize);
        SitRun run = awaitPhase(ns, "greedy", Phase.ERROR);
        assertThat(run.getStatus().getReason()).isEqualTo(reason);
        assertThat(client.namespaces().withName(RunNames.namespace(created)).get())
                .isNull();
        return run;
    }

    static IsolationSpec isolation(Consumer<IsolationSpec> customize) {
        IsolationSpec isolation = new IsolationSpec();
        customize.accept(isolation);
        return isolation;
    }

    @Test
    void quotaAboveTheCapIsRefusedNamingKeyRequestAndCap() {
        SitRun run = refused(
                s -> s.setIsolation(isolation(
                        i -> i.setQuota(Map.of("pods", new Quantity("10"), "requests.cpu", new Quantity("64"))))),
                RunReason.QUOTA_ABOVE_LIMIT.value());
        assertThat(run.getStatus().getMessage())
                .contains("requests.cpu=64")
                .contains("requests.cpu=8")
                .contains("sit.isolation.quota-max");
    }

    @Test
    void quotaBelowTheCapAndExtraKeysOnlyTighten() {
        String ns = tenantNamespace("fence");
        apply(
                ns,
                "modest",
                s -> s.setIsolation(isolation(
                        i -> i.setQuota(Map.of("pods", new Quantity("10"), "count/secrets", new Quantity("20"))))));
        SitRun run = awaitPhase(ns, "modest", Phase.TESTING);
        var hard = client.resourceQuotas()
                .inNamespace(run.getStatus().getNamespace())
                .withName(Constants.RESOURCE_QUOTA_NAME)
                .get()
                .getSpec()
                .getHard();
        assertThat(hard)
                .containsEntry("pods", new Quantity("10"))
                .containsEntry("count/secrets", new Quantity("20"))
                .containsEntry("requests.cpu", new Quantity("8"))
                .containsEntry("limits.memory", new Quantity("32Gi"));
        var limits = client.limitRanges()
                .inNamespace(run.getStatus().getNamespace())
                .withName(Constants.LIMIT_RANGE_NAME)
                .get()
                .getSpec()
                .getLimits()
                .get(0);
        assertThat(limits.getMax())
                .containsEntry("cpu", new Quantity("4"))
                .containsEntry("memory", new Quantity("8Gi"));
    }

    @Test
    void containerDefaultsAboveTheMaximumAreRefused() {
        SitRun run = refused(
                s -> s.setIsolation(isolation(i -> i.setDefaultLimit(Map.of("memory", new Quantity("64Gi"))))),
                RunReason.RESOURCES_ABOVE_LIMIT.value());
        assertThat(run.getStatus().getMessage())
                .contains("spec.isolation.defaultLimit memory=64Gi")
                .contains("memory=8Gi");
    }

    @Test
    void timeoutAboveTheMaximumIsRefused() {
        SitRun run = refused(s -> s.setTimeout("3h"), RunReason.TIMEOUT_ABOVE_LIMIT.value());
        assertThat(run.getStatus().getMessage())
                .contains("spec.timeout 3h")
                .contains("maximum of 2h (sit.timeout.max)");
    }

    @Test
    void phaseTimeoutAboveTheMaximumIsRefused() {
        SitRun run = refused(
                s -> {
                    PhaseTimeouts phases = new PhaseTimeouts();
                    phases.setSeeding("200h");
                    s.setPhaseTimeouts(phases);
                },
                RunReason.TIMEOUT_ABOVE_LIMIT.value());
        assertThat(run.getStatus().getMessage()).contains("spec.phaseTimeouts.seeding 200h");
    }

    @Test
    void networkPolicyOffWithoutTheAdminsConsentIsRefused() {
        SitRun run = refused(
                s -> s.setIsolation(isolation(i -> i.setNetworkPolicy(false))),
                RunReason.NETWORK_POLICY_REQUIRED.value());
        assertThat(run.getStatus().getMessage()).contains("sit.isolation.allow-network-policy-off");
    }

    @Test
    void egressIsRefusedWhileTheAdminAllowsNone() {
        SitRun run = refused(
                s -> s.setIsolation(isolation(i -> i.setEgress(List.of(new EgressRule("10.20.0.0/16", List.of(443)))))),
                RunReason.EGRESS_NOT_ALLOWED.value());
        assertThat(run.getStatus().getMessage()).contains("10.20.0.0/16").contains("sit.isolation.egress.allowed");
    }

    @Test
    void systemsAreScaledToZeroWhenTheRunSucceedsAndStayThere() {
        String ns = tenantNamespace("fence");
        apply(ns, "stops", s -> {
            SystemSpec system = new SystemSpec();
            system.setName("product-1");
            system.setImage("registry.example.com/product-1:1");
            s.setSystems(List.of(system));
        });
        String deployment = SystemDeploymentDependent.getName("product-1");
        eventually()
                .until(() -> get(ns, "stops").getStatus() != null
                        && get(ns, "stops").getStatus().getNamespace() != null);
        String runNs = get(ns, "stops").getStatus().getNamespace();
        eventually()
                .until(() -> client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName(deployment)
                                .get()
                        != null);
        new ClusterSimulator(client).markDeploymentAvailable(runNs, deployment);
        awaitPhase(ns, "stops", Phase.TESTING);
        eventually()
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(runNs)
                                .withName(Constants.RUNNER_JOB_NAME)
                                .get()
                        != null);
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(runNs)
                        .withName(deployment)
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(1);

        new ClusterSimulator(client).writeRunnerResult(runNs, ClusterSimulator.runnerResult(true));
        new ClusterSimulator(client).markJobSucceeded(runNs, Constants.RUNNER_JOB_NAME);
        awaitPhase(ns, "stops", Phase.SUCCEEDED);
        eventually()
                .untilAsserted(() -> assertThat(client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName(deployment)
                                .get()
                                .getSpec()
                                .getReplicas())
                        .isZero());

        // scaled back up in the kept namespace (by hand, or a stop that failed): the ended run puts it back to 0
        client.apps().deployments().inNamespace(runNs).withName(deployment).edit(d -> {
            d.getSpec().setReplicas(2);
            return d;
        });
        eventually()
                .untilAsserted(() -> assertThat(client.apps()
                                .deployments()
                                .inNamespace(runNs)
                                .withName(deployment)
                                .get()
                                .getSpec()
                                .getReplicas())
                        .isZero());
    }
}
