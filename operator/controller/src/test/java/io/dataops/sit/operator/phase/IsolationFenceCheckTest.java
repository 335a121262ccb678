package io.dataops.sit.operator.phase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.EgressRule;
import io.dataops.sit.api.v1alpha1.spec.IsolationSpec;
import io.dataops.sit.api.v1alpha1.spec.PhaseTimeouts;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.OperatorSettings.IsolationFence;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each admin bound: what crosses it (with a reason naming the field, the value and the bound) and what stays inside. */
class IsolationFenceCheckTest {

    static final OperatorSettings DEFAULTS = OperatorSettings.defaults();

    /** An admin who raised the quota cap, allows networkPolicy off and two egress blocks. */
    static final OperatorSettings GENEROUS = DEFAULTS.withIsolationFence(new IsolationFence(
            OperatorSettings.quantities(
                    "pods=100,requests.cpu=16,requests.memory=16Gi,limits.cpu=16,limits.memory=32Gi"),
            OperatorSettings.quantities("cpu=4,memory=8Gi"),
            Duration.ofHours(4),
            true,
            IsolationFence.egressBlocks("10.20.0.0/16,169.254.0.0/16")));

    static SitRun run(Consumer<IsolationSpec> isolation) {
        SitRun run = TestRuns.run("orders");
        run.getSpec().setRunner(new RunnerSpec());
        IsolationSpec spec = new IsolationSpec();
        isolation.accept(spec);
        run.getSpec().setIsolation(spec);
        return run;
    }

    @Test
    void aRunWithoutIsolationOrTimeoutsIsInside() {
        SitRun run = TestRuns.run("plain");
        assertThat(IsolationFenceCheck.check(run, DEFAULTS)).isNull();
    }

    @Test
    void quotaAboveTheCapNamesKeyRequestAndCap() {
        Problem p = IsolationFenceCheck.check(run(i -> i.setQuota(Map.of("pods", new Quantity("51")))), DEFAULTS);
        assertThat(p.reason()).isEqualTo(RunReason.QUOTA_ABOVE_LIMIT.value());
        assertThat(p.message()).contains("pods=51").contains("cap pods=50");
        assertThat(IsolationFenceCheck.check(run(i -> i.setQuota(Map.of("pods", new Quantity("51")))), GENEROUS))
                .isNull();
        // units compare by value, not text: 17Gi is more than 16Gi written as 16384Mi
        assertThat(IsolationFenceCheck.check(
                        run(i -> i.setQuota(Map.of("requests.memory", new Quantity("16384Mi")))), DEFAULTS))
                .isNull();
        assertThat(IsolationFenceCheck.check(
                                run(i -> i.setQuota(Map.of("requests.memory", new Quantity("17Gi")))), DEFAULTS)
                        .reason())
                .isEqualTo(RunReason.QUOTA_ABOVE_LIMIT.value());
    }

    @Test
    void quotaKeysTheCapDoesNotNameOnlyTightenAndAreAccepted() {
        assertThat(IsolationFenceCheck.check(
                        run(i -> i.setQuota(Map.of("count/secrets", new Quantity("5"), "pods", new Quantity("3")))),
                        DEFAULTS))
                .isNull();
    }

    @Test
    void quantityThatDoesNotParseIsNeverWithinTheCap() {
        assertThat(IsolationFenceCheck.check(run(i -> i.setQuota(Map.of("pods", new Quantity("lots")))), DEFAULTS)
                        .reason())
                .isEqualTo(RunReason.QUOTA_ABOVE_LIMIT.value());
    }

    @Test
    void timeoutsAboveTheMaximumAreRefused() {
        SitRun run = TestRuns.run("slow");
        run.getSpec().setTimeout("2h1m");
        Problem p = IsolationFenceCheck.check(run, DEFAULTS);
        assertThat(p.reason()).isEqualTo(RunReason.TIMEOUT_ABOVE_LIMIT.value());
        assertThat(p.message()).contains("spec.timeout 2h1m").contains("maximum of 2h (sit.timeout.max)");
        run.getSpec().setTimeout("2h");
        assertThat(IsolationFenceCheck.check(run, DEFAULTS)).isNull();
        PhaseTimeouts phases = new PhaseTimeouts();
        phases.setTesting("3h");
        run.getSpec().setPhaseTimeouts(phases);
        assertThat(IsolationFenceCheck.check(run, DEFAULTS).message()).contains("spec.phaseTimeouts.testing 3h");
        assertThat(IsolationFenceCheck.check(run, GENEROUS)).isNull();
    }

    @Test
    void aDurationTooLargeToParseIsAboveTheMaximum() {
        SitRun run = TestRuns.run("forever");
        run.getSpec().setTimeout("99999999999999999999h");
        assertThat(IsolationFenceCheck.check(run, DEFAULTS).reason()).isEqualTo(RunReason.TIMEOUT_ABOVE_LIMIT.value());
    }

    @Test
    void networkPolicyOffNeedsTheAdminsConsent() {
        SitRun off = run(i -> i.setNetworkPolicy(false));
        Problem p = IsolationFenceCheck.check(off, DEFAULTS);
        assertThat(p.reason()).isEqualTo(RunReason.NETWORK_POLICY_REQUIRED.value());
        assertThat(p.message()).contains("sit.isolation.allow-network-policy-off");
        assertThat(IsolationFenceCheck.check(off, GENEROUS)).isNull();
        assertThat(IsolationFenceCheck.check(run(i -> i.setNetworkPolicy(true)), DEFAULTS))
                .isNull();
    }

    @Test
    void containerDefaultsAndResourcesAboveTheMaximumAreRefused() {
        Problem p =
                IsolationFenceCheck.check(run(i -> i.setDefaultRequest(Map.of("cpu", new Quantity("5")))), DEFAULTS);
        assertThat(p.reason()).isEqualTo(RunReason.RESOURCES_ABOVE_LIMIT.value());
        assertThat(p.message())
                .contains("spec.isolation.defaultRequest cpu=5")
                .contains("cpu=4")
                .contains("sit.isolation.max-limit");

        SitRun system = run(i -> {});
        system.getSpec().setSystems(List.of(TestRuns.system("product-1")));
        system.getSpec()
                .getSystems()
                .get(0)
                .setResources(new ResourceRequirementsBuilder()
                        .addToLimits("memory", new Quantity("9Gi"))
                        .build());
        assertThat(IsolationFenceCheck.check(system, DEFAULTS).message())
                .contains("spec.systems[product-1].resources.limits memory=9Gi");

        SitRun runner = run(i -> {});
        runner.getSpec()
                .getRunner()
                .setResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("4"))
                        .addToLimits("cpu", new Quantity("4"))
                        .build());
        assertThat(IsolationFenceCheck.check(runner, DEFAULTS)).isNull();
    }

    @Test
    void defaultRequestAboveTheDefaultLimitIsRefusedBeforeTheApiServerWould() {
        // operator default limit cpu=2: a tenant default request of 3 CPUs (under the 4 CPU maximum) cannot work
        Problem p =
                IsolationFenceCheck.check(run(i -> i.setDefaultRequest(Map.of("cpu", new Quantity("3")))), DEFAULTS);
        assertThat(p.reason()).isEqualTo(RunReason.RESOURCES_ABOVE_LIMIT.value());
        assertThat(p.message()).contains("default request cpu=3").contains("default limit cpu=2");
        assertThat(IsolationFenceCheck.check(
                        run(i -> {
                            i.setDefaultRequest(Map.of("cpu", new Quantity("3")));
                            i.setDefaultLimit(Map.of("cpu", new Quantity("3")));
                        }),
                        DEFAULTS))
                .isNull();
    }

    @Test
    void egressMustLieInsideTheAdminsBlocks() {
        SitRun inside = run(i -> i.setEgress(List.of(new EgressRule("10.20.3.0/24", List.of(443)))));
        Problem none = IsolationFenceCheck.check(inside, DEFAULTS);
        assertThat(none.reason()).isEqualTo(RunReason.EGRESS_NOT_ALLOWED.value());
        assertThat(none.message()).contains("10.20.3.0/24").contains("sit.isolation.egress.allowed: none");
        assertThat(IsolationFenceCheck.check(inside, GENEROUS)).isNull();

        SitRun wider = run(i -> i.setEgress(List.of(new EgressRule("10.0.0.0/8", List.of(443)))));
        assertThat(IsolationFenceCheck.check(wider, GENEROUS).message())
                .contains("10.0.0.0/8")
                .contains("10.20.0.0/16");
    }

    @Test
    void theMetadataEndpointIsNeverAnEgressEvenInsideAnAllowedBlock() {
        // GENEROUS allows 169.254.0.0/16 (link-local services): the metadata endpoint itself stays refused
        for (String imds : List.of("169.254.169.254/32", "fd00:ec2::254/128")) {
            Problem p = IsolationFenceCheck.check(
                    run(i -> i.setEgress(List.of(new EgressRule(imds, List.of(80))))), GENEROUS);
            assertThat(p.reason()).isEqualTo(RunReason.EGRESS_NOT_ALLOWED.value());
            assertThat(p.message()).contains("instance metadata");
        }
    }
}
