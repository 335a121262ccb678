package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one way out of the run namespace to the API server, for the pods that talk to it and only for them: the
 * runner and the seed Jobs (they write sit-results) and Strimzi's entity operator (it manages KafkaTopics).
 * They carry the label {@link Constants#LABEL_API_ACCESS}; systems under test never do.
 *
 * <p>The peers are the API server's endpoints ({@link ApiServerEndpoints}), one {@code ipBlock} per address on
 * the endpoint's port (e.g. 6443), not "port 443 anywhere", which would open every HTTPS server on the internet.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.ISOLATION_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class ApiEgressPolicyDependent extends CRUDNoGCKubernetesDependentResource<NetworkPolicy, SitRun> {

    public static final String NAME = "sit-api-egress";

    public ApiEgressPolicyDependent() {
        super(NetworkPolicy.class);
    }

    public static String getName(SitRun run) {
        return NAME;
    }

    @Override
    protected NetworkPolicy desired(SitRun run, Context<SitRun> context) {
        return desired(run, ApiServerEndpoints.of(context.getClient()));
    }

    public static NetworkPolicy desired(SitRun run, List<ApiServerEndpoints.Endpoint> apiServer) {
        // Sorted, so the same endpoints always give the same object (no update on every reconcile).
        Map<Integer, TreeSet<String>> cidrsByPort = new TreeMap<>();
        apiServer.forEach(
                e -> cidrsByPort.computeIfAbsent(e.port(), p -> new TreeSet<>()).add(e.cidr()));
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        cidrsByPort.forEach((port, cidrs) -> {
            NetworkPolicyEgressRuleBuilder rule = new NetworkPolicyEgressRuleBuilder();
            cidrs.forEach(cidr -> EgressPeers.ipBlock(cidr).ifPresent(rule::addToTo));
            rules.add(rule.addNewPort()
                    .withProtocol("TCP")
                    .withPort(new IntOrString(port))
                    .endPort()
                    .build());
        });
        return new NetworkPolicyBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_ISOLATION))
                .withNewSpec()
                .withNewPodSelector()
                .addToMatchLabels(Constants.LABEL_API_ACCESS, "true")
                .endPodSelector()
                .withPolicyTypes("Egress")
                .withEgress(rules)
                .endSpec()
                .build();
    }
}
