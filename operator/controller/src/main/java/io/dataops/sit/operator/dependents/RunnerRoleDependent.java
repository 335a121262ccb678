package io.dataops.sit.operator.dependents;

import static io.javaoperatorsdk.operator.api.reconciler.Constants.WATCH_ALL_NAMESPACES;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.Constants;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDNoGCKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;

/**
 * Least privilege for the runner and seed pods, in their own namespace only, every rule pinned to object names
 * (no list, no create): write results into sit-results and reports (and data evidence) into sit-reports, and for the "job started" step read this run's system
 * Deployments and scale them (the scale subresource, never the Deployment itself, so no pod template can be
 * changed). No rights on Jobs: the run namespace only holds what the operator made, so there is no CronJob or
 * Job of the tenant's to start, and "create jobs" would let the runner start any pod.
 *
 * <p>Names come from the SitRun's systems; with none, the Deployment rules are left out altogether (a rule with
 * no resourceNames would match every Deployment).
 *
 * <p>Only when the SitRun opts in to the fault steps ({@code spec.runner.faults: true}): read and scale the
 * StatefulSets of this run's built-in brokers, named by the operator's own naming from the spec entries
 * ({@link RunContract#builtinBrokerStatefulSet}), again through the scale subresource only. A broker whose provider
 * is strimzi gets no name: Strimzi reconciles its brokers' replicas, so the fault steps do not support it. Databases
 * need nothing here: the fault steps close a database with SQL, through the run's own credentials.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        itemStore = CompactItemStore.class,
                        labelSelector = Constants.RUNNER_SELECTOR,
                        genericFilter = RunNamespaceFilter.class,
                        namespaces = WATCH_ALL_NAMESPACES))
public class RunnerRoleDependent extends CRUDNoGCKubernetesDependentResource<Role, SitRun> {

    public RunnerRoleDependent() {
        super(Role.class);
    }

    public static String getName(SitRun run) {
        return Constants.RUNNER_ROLE_NAME;
    }

    @Override
    protected Role desired(SitRun run, Context<SitRun> context) {
        return desired(run);
    }

    static Role desired(SitRun run) {
        List<String> systems = run.getSpec().getSystems().stream()
                .map(SystemSpec::getName)
                .sorted()
                .toList();
        RoleBuilder role = new RoleBuilder()
                .withMetadata(RunScoped.metadata(run, getName(run), Constants.COMPONENT_RUNNER))
                .addToRules(new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("configmaps")
                        .withResourceNames(RunContract.RESULTS_CONFIGMAP, RunContract.REPORTS_CONFIGMAP)
                        .withVerbs("get", "update", "patch")
                        .build());
        if (!systems.isEmpty()) {
            role.addToRules(new PolicyRuleBuilder()
                            .withApiGroups("apps")
                            .withResources("deployments")
                            .withResourceNames(systems)
                            .withVerbs("get")
                            .build())
                    .addToRules(new PolicyRuleBuilder()
                            .withApiGroups("apps")
                            .withResources("deployments/scale")
                            .withResourceNames(systems)
                            .withVerbs("get", "patch", "update")
                            .build());
        }
        List<String> faultTargets = faultStatefulSets(run);
        if (!faultTargets.isEmpty()) {
            role.addToRules(new PolicyRuleBuilder()
                            .withApiGroups("apps")
                            .withResources("statefulsets")
                            .withResourceNames(faultTargets)
                            .withVerbs("get")
                            .build())
                    .addToRules(new PolicyRuleBuilder()
                            .withApiGroups("apps")
                            .withResources("statefulsets/scale")
                            .withResourceNames(faultTargets)
                            .withVerbs("get", "patch", "update")
                            .build());
        }
        return role.build();
    }

    /** The StatefulSets the fault steps may scale: none unless the SitRun opted in. */
    static List<String> faultStatefulSets(SitRun run) {
        if (run.getSpec().getRunner() == null || !run.getSpec().getRunner().faultsAllowed()) {
            return List.of();
        }
        return run.getSpec().getBrokers().stream()
                .filter(b -> b.getKafka() == null || b.getKafka().getProvider() != KafkaProvider.STRIMZI)
                .map(b -> RunContract.builtinBrokerStatefulSet(b.getName()))
                .sorted()
                .toList();
    }
}
