package io.dataops.sit.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.EgressRule;
import io.dataops.sit.api.v1alpha1.spec.IsolationSpec;
import io.dataops.sit.operator.Cidr;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.OperatorSettings.IsolationFence;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fence objects a run gets: quota capped by the admin, LimitRange with its maximum, and NetworkPolicies
 * that never open the instance metadata endpoints, whatever block they open.
 */
class IsolationPoliciesTest {

    static final List<String> METADATA = List.of("169.254.169.254/32", "fd00:ec2::254/128");

    static SitRun run(Consumer<IsolationSpec> customize) {
        SitRun run = TestRuns.run("orders");
        IsolationSpec isolation = new IsolationSpec();
        customize.accept(isolation);
        run.getSpec().setIsolation(isolation);
        return run;
    }

    /** Every ipBlock of every egress rule of the policy. */
    static Stream<NetworkPolicyPeer> ipBlocks(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream()
                .flatMap(r -> r.getTo().stream())
                .filter(p -> p.getIpBlock() != null);
    }

    @Test
    void quotaIsTheTenantsValueAtMostTheCapAndTheCapsKeysAlwaysApply() {
        Map<String, Quantity> caps = OperatorSettings.quantities("pods=50,requests.cpu=8,requests.storage=100Gi");
        Map<String, Quantity> asked = ResourceQuotaDependent.overlay(
                OperatorSettings.quantities("pods=50,requests.cpu=8"),
                Map.of(
                        "pods",
                        new Quantity("500"),
                        "requests.cpu",
                        new Quantity("2"),
                        "count/secrets",
                        new Quantity("9")));
        assertThat(ResourceQuotaDependent.capped(asked, caps))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "pods",
                        new Quantity("50"),
                        "requests.cpu",
                        new Quantity("2"),
                        "requests.storage",
                        new Quantity("100Gi"),
                        "count/secrets",
                        new Quantity("9")));
    }

    @Test
    void limitRangeCarriesTheAdminsMaximumAndDefaultsNeverExceedIt() {
        OperatorSettings settings = OperatorSettings.defaults();
        LimitRangeItem limits = LimitRangeDependent.desired(run(i -> {}), settings)
                .getSpec()
                .getLimits()
                .get(0);
        assertThat(limits.getType()).isEqualTo("Container");
        assertThat(limits.getMax())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi")));
        assertThat(limits.getDefault())
                .containsEntry("cpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("2Gi"));

        // a run started under a looser configuration still gets the current maximum
        LimitRangeItem clamped = LimitRangeDependent.desired(
                        run(i -> i.setDefaultLimit(Map.of("memory", new Quantity("64Gi")))), settings)
                .getSpec()
                .getLimits()
                .get(0);
        assertThat(clamped.getDefault()).containsEntry("memory", new Quantity("8Gi"));
    }

    @Test
    void tenantEgressOpensItsBlocksOnItsPortsForSystemsAndRunnerOnly() {
        SitRun run = run(i -> i.setEgress(List.of(
                new EgressRule("10.20.0.0/16", List.of(443, 80, 443)),
                new EgressRule("2001:db8::/32", List.of(8443)))));
        NetworkPolicy policy = EgressPolicyDependent.desired(run);

        assertThat(policy.getMetadata().getName()).isEqualTo("sit-egress");
        assertThat(policy.getMetadata().getLabels()).containsEntry(Labels.COMPONENT, Constants.COMPONENT_ISOLATION);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(policy.getSpec().getPodSelector().getMatchExpressions())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getKey()).isEqualTo(Labels.COMPONENT);
                    assertThat(e.getOperator()).isEqualTo("In");
                    assertThat(e.getValues())
                            .containsExactlyInAnyOrder(Constants.COMPONENT_SYSTEM, Constants.COMPONENT_RUNNER);
                });
        assertThat(policy.getSpec().getEgress()).hasSize(2);
        assertThat(policy.getSpec().getEgress().get(0).getTo())
                .singleElement()
                .satisfies(p -> assertThat(p.getIpBlock().getCidr()).isEqualTo("10.20.0.0/16"));
        assertThat(policy.getSpec().getEgress().get(0).getPorts())
                .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactly("TCP/80", "TCP/443");
        assertThat(policy.getSpec()
                        .getEgress()
                        .get(1)
                        .getTo()
                        .get(0)
                        .getIpBlock()
                        .getCidr())
                .isEqualTo("2001:db8::/32");
    }

    @Test
    void aRunWithoutEgressHasADesiredStateToo() {
        // JOSDK computes it to name the object to delete when the precondition is not met
        SitRun plain = TestRuns.run("plain");
        assertThat(EgressPolicyDependent.desired(plain).getSpec().getEgress()).isEmpty();
        assertThat(new EgressRequestedCondition().isMet(null, plain, null)).isFalse();
        assertThat(new EgressRequestedCondition()
                        .isMet(null, run(i -> i.setEgress(List.of(new EgressRule("10.0.0.0/8", List.of(443))))), null))
                .isTrue();
        assertThat(new EgressRequestedCondition()
                        .isMet(
                                null,
                                run(i -> {
                                    i.setNetworkPolicy(false);
                                    i.setEgress(List.of(new EgressRule("10.0.0.0/8", List.of(443))));
                                }),
                                null))
                .isFalse();
    }

    @Test
    void aBlockContainingTheMetadataEndpointExceptsIt() {
        SitRun run = run(i -> i.setEgress(List.of(
                new EgressRule("0.0.0.0/0", List.of(443)),
                new EgressRule("fd00::/8", List.of(443)),
                new EgressRule("10.0.0.0/8", List.of(443)))));
        var peers = ipBlocks(EgressPolicyDependent.desired(run))
                .map(NetworkPolicyPeer::getIpBlock)
                .toList();
        assertThat(peers.get(0).getExcept()).containsExactly("169.254.169.254/32");
        assertThat(peers.get(1).getExcept()).containsExactly("fd00:ec2::254/128");
        assertThat(peers.get(2).getExcept()).isNullOrEmpty();
    }

    @Test
    void noPolicyEverOpensTheMetadataEndpoint() {
        // whatever path a block comes through (tenant egress, an admin's DNS cidr, the API server's endpoints,
        // isolation switched off by the admin's leave), the metadata endpoints are excepted or left out
        SitRun run = run(i -> i.setEgress(List.of(new EgressRule("169.254.0.0/16", List.of(80)))));
        List<NetworkPolicy> policies = List.of(
                EgressPolicyDependent.desired(run),
                NetworkPolicyDependent.defaultDeny(
                        run, OperatorSettings.dnsPeers("cidr:169.254.0.0/16,namespace:kube-system")),
                ApiEgressPolicyDependent.desired(
                        run,
                        List.of(
                                new ApiServerEndpoints.Endpoint("169.254.169.254", 443),
                                new ApiServerEndpoints.Endpoint("10.96.0.1", 443))),
                NetworkPolicyDependent.openButMetadata(run(i -> i.setNetworkPolicy(false))));
        for (NetworkPolicy policy : policies) {
            ipBlocks(policy).forEach(peer -> {
                assertThat(METADATA)
                        .as(policy.getMetadata().getName())
                        .doesNotContain(peer.getIpBlock().getCidr());
                METADATA.stream()
                        .filter(m -> covers(peer.getIpBlock().getCidr(), m))
                        .forEach(m -> assertThat(peer.getIpBlock().getExcept())
                                .as(policy.getMetadata().getName())
                                .contains(m));
            });
        }
        assertThat(ipBlocks(policies.get(2)).map(p -> p.getIpBlock().getCidr())).containsExactly("10.96.0.1/32");
    }

    @Test
    void isolationOffByTheAdminsLeaveStillBlocksOnlyTheMetadataEndpoints() {
        NetworkPolicy open = NetworkPolicyDependent.openButMetadata(run(i -> i.setNetworkPolicy(false)));
        assertThat(open.getMetadata().getName()).isEqualTo(Constants.NETWORK_POLICY_NAME);
        assertThat(open.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(open.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(open.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).isNullOrEmpty();
            assertThat(rule.getTo())
                    .anySatisfy(p -> assertThat(p.getNamespaceSelector()).isNotNull());
            assertThat(rule.getTo())
                    .filteredOn(p -> p.getIpBlock() != null)
                    .extracting(p -> p.getIpBlock().getCidr() + " except "
                            + p.getIpBlock().getExcept())
                    .containsExactly("0.0.0.0/0 except [169.254.169.254/32]", "::/0 except [fd00:ec2::254/128]");
        });
    }

    @Test
    void theAdminCannotAllowTheMetadataEndpointItself() {
        assertThatThrownBy(() -> IsolationFence.egressBlocks("10.0.0.0/8, 169.254.169.254/32"))
                .hasMessageContaining("sit.isolation.egress.allowed")
                .hasMessageContaining("instance metadata");
        assertThatThrownBy(() -> IsolationFence.egressBlocks("fd00:ec2::254/128"))
                .hasMessageContaining("instance metadata");
        assertThat(IsolationFence.egressBlocks(" 10.20.0.0/16 ,")).containsExactly(Cidr.parse("10.20.0.0/16"));
    }

    private static boolean covers(String block, String address) {
        return Cidr.parse(block).contains(Cidr.parse(address));
    }
}
