package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.OperatorSettings.DnsPeer;
import io.dataops.sit.operator.dependents.kafka.StrimziKafkaDependent;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run's NetworkPolicies: API server reachable only by the pods that write to it, and only the API server. */
@EnableKubernetesMockClient(crud = true)
class NetworkPolicyTest {

    KubernetesClient client;

    @BeforeEach
    void forgetCachedEndpoints() {
        ApiServerEndpoints.forget();
    }

    SitRun newRun() {
        SitRun run = run("orders");
        run.getSpec().setDatabases(List.of(database("warehouse")));
        run.getSpec().setSystems(List.of(system("product-1", 8080)));
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        run.getSpec().setRunner(runner);
        return run;
    }

    @Test
    void apiEgressAllowsExactlyTheApiServersEndpointsOnTheirPort() {
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace("default")
                .resource(new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withName("kubernetes")
                        .withNamespace("default")
                        .endMetadata()
                        .withAddressType("IPv4")
                        .addNewPort()
                        .withName("https")
                        .withPort(6443)
                        .withProtocol("TCP")
                        .endPort()
                        .addNewEndpoint()
                        .withAddresses("172.18.0.3")
                        .withNewConditions()
                        .withReady(true)
                        .endConditions()
                        .endEndpoint()
                        .addNewEndpoint()
                        .withAddresses("172.18.0.2")
                        .endEndpoint()
                        .build())
                .create();
        SitRun run = newRun();
        NetworkPolicy policy = new ApiEgressPolicyDependent().desired(run, new FakeContext(run).withClient(client));

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsExactly(Map.entry(Constants.LABEL_API_ACCESS, "true"));
        assertThat(policy.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo())
                    .extracting(p -> p.getIpBlock().getCidr())
                    .containsExactly("172.18.0.2/32", "172.18.0.3/32");
            assertThat(rule.getTo()).allSatisfy(p -> {
                assertThat(p.getNamespaceSelector()).isNull();
                assertThat(p.getPodSelector()).isNull();
            });
            assertThat(rule.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getPort().getIntVal()).isEqualTo(6443);
                assertThat(p.getProtocol()).isEqualTo("TCP");
            });
        });
    }

    @Test
    void endpointsObjectWhenNoSliceAndNoPolicyWithoutEndpoints() {
        SitRun run = newRun();
        assertThatThrownBy(() -> new ApiEgressPolicyDependent().desired(run, new FakeContext(run).withClient(client)))
                .hasMessageContaining("default/kubernetes");
        client.endpoints()
                .inNamespace("default")
                .resource(new EndpointsBuilder()
                        .withNewMetadata()
                        .withName("kubernetes")
                        .withNamespace("default")
                        .endMetadata()
                        .addNewSubset()
                        .addNewAddress()
                        .withIp("fd00::1")
                        .endAddress()
                        .addNewPort()
                        .withPort(443)
                        .endPort()
                        .endSubset()
                        .build())
                .create();
        NetworkPolicy policy = new ApiEgressPolicyDependent().desired(run, new FakeContext(run).withClient(client));
        NetworkPolicyEgressRule rule = policy.getSpec().getEgress().get(0);
        assertThat(rule.getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("fd00::1/128");
        assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(443);
    }

    @Test
    void runnerSeedAndStrimziEntityOperatorMayReachTheApiServerSystemsMayNot() {
        SitRun run = newRun();
        FakeContext context = new FakeContext(run);
        assertThat(new RunnerJobDependent()
                        .desired(run, context)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsEntry(Constants.LABEL_API_ACCESS, "true");
        assertThat(new SeedJobDependent()
                        .desiredByEntry(run, context)
                        .get("warehouse")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsEntry(Constants.LABEL_API_ACCESS, "true");
        assertThat(new SystemDeploymentDependent()
                        .desiredByEntry(run, context)
                        .get("product-1")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .doesNotContainKey(Constants.LABEL_API_ACCESS);
        var kafka = StrimziKafkaDependent.desired(run, TestRuns.broker("events", KafkaProvider.STRIMZI));
        assertThat(kafka.getSpec()
                        .getEntityOperator()
                        .getTemplate()
                        .getPod()
                        .getMetadata()
                        .getLabels())
                .containsEntry(Constants.LABEL_API_ACCESS, "true");
    }

    @Test
    void dnsPeersComeFromTheOperatorsSettings() {
        assertThat(OperatorSettings.defaults().dnsPeers()).containsExactly(new DnsPeer("kube-system", null, 53));
        List<DnsPeer> peers =
                OperatorSettings.dnsPeers("namespace:kube-system, cidr:169.254.20.10/32,namespace:openshift-dns@5353");
        List<NetworkPolicyEgressRule> rules = NetworkPolicyDependent.dnsEgress(peers);
        assertThat(rules).hasSize(3);
        NetworkPolicyPeer kubeSystem = rules.get(0).getTo().get(0);
        assertThat(kubeSystem.getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "kube-system");
        assertThat(kubeSystem.getPodSelector()).isNull();
        assertThat(rules.get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("169.254.20.10/32");
        assertThat(rules.get(2).getPorts())
                .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactly("UDP/5353", "TCP/5353");
        assertThat(rules.get(0).getPorts())
                .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .containsExactly("UDP/53", "TCP/53");
        assertThatThrownBy(() -> OperatorSettings.dnsPeers("kube-system")).isInstanceOf(IllegalArgumentException.class);
    }
}
