package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.InClusterOperator;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.Repo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/operator.yaml as a user installs it: accepted by a real API server, and its ServiceAccount holds
 * every permission the operator uses — including those it grants the runner's Role, which RBAC only lets
 * it grant when it holds them itself. Write verbs in a run namespace come from the RoleBinding the operator creates
 * there (here: sit-x, bound as the operator does); elsewhere it has none.
 */
@ExtendWith(E2EExtension.class)
class InstallManifestE2ETest {

    static final String OPERATOR_SA = "system:serviceaccount:sit-system:sit-operator";
    static Kubectl kubectl;
    static KubernetesClient client;

    @BeforeAll
    static void install(E2EEnvironment env) {
        kubectl = env.kubectl();
        client = env.client();
        InClusterOperator.awaitNamespaceNotTerminating(kubectl);
        kubectl.ok("apply", "-f", Repo.path("deploy/operator.yaml").toString());
        // The Deployment is not what this tests (the suite runs its own operator); keep it from competing.
        kubectl.ok("scale", "deployment", "sit-operator", "-n", "sit-system", "--replicas=0");
        // A run namespace as the operator leaves it: its RoleBinding to sit-operator-run-namespace.
        kubectl.run("create", "namespace", "sit-x");
        kubectl.run(
                "create",
                "rolebinding",
                "sit-operator",
                "-n",
                "sit-x",
                "--clusterrole=sit-operator-run-namespace",
                "--serviceaccount=sit-system:sit-operator");
    }

    @AfterAll
    static void uninstall() {
        kubectl.run("delete", "namespace", "sit-x", "--wait=false");
        kubectl.run("delete", "-f", Repo.path("deploy/operator.yaml").toString(), "--wait=false");
    }

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource(textBlock = """
            watch,  sitruns.sit.dataops.io,                 some-team
            patch,  sitruns.sit.dataops.io/status,          some-team
            update, sitruns.sit.dataops.io/finalizers,      some-team
            create, namespaces,                             ''
            delete, namespaces,                             ''
            create, networkpolicies.networking.k8s.io,      sit-x
            create, resourcequotas,                         sit-x
            create, limitranges,                            sit-x
            get,    configmaps,                             some-team
            create, configmaps,                             sit-x
            create, secrets,                                sit-x
            create, serviceaccounts,                        sit-x
            create, roles.rbac.authorization.k8s.io,        sit-x
            create, rolebindings.rbac.authorization.k8s.io, sit-x
            create, jobs.batch,                             sit-x
            delete, jobs.batch,                             sit-x
            create, statefulsets.apps,                      sit-x
            create, deployments.apps,                       sit-x
            patch,  deployments.apps/scale,                 sit-x
            create, services,                               sit-x
            list,   pods,                                   sit-x
            create, events,                                 some-team
            list,   events,                                 sit-x
            get,    endpointslices.discovery.k8s.io/kubernetes, default
            get,    endpoints/kubernetes,                   default
            create, kafkas.kafka.strimzi.io,                sit-x
            create, kafkanodepools.kafka.strimzi.io,        sit-x
            create, kafkatopics.kafka.strimzi.io,           sit-x
            """)
    void operatorServiceAccountMayDoWhatTheOperatorDoes(String verb, String resource, String namespace) {
        assertThat(canI(verb, resource, namespace))
                .as("can %s %s %s in %s", OPERATOR_SA, verb, resource, namespace)
                .isTrue();
    }

    /**
     * Least privilege: what it must not hold, RBAC alone (the admission policy is tested in OperatorFenceE2ETest). It
     * may create ConfigMaps anywhere (reports and evidence next to a SitRun; the policy admits only those), never delete.
     */
    @ParameterizedTest(name = "not {0} {1} in {2}")
    @CsvSource(textBlock = """
            list,   secrets,                                ''
            get,    secrets,                                some-team
            delete, configmaps,                             some-team
            create, deployments.apps,                       some-team
            create, jobs.batch,                             default
            update, namespaces,                             ''
            create, clusterrolebindings.rbac.authorization.k8s.io, ''
            bind,   clusterroles.rbac.authorization.k8s.io/admin, ''
            create, leases.coordination.k8s.io,             default
            """)
    void operatorServiceAccountHoldsNothingMore(String verb, String resource, String namespace) {
        assertThat(canI(verb, resource, namespace))
                .as("can %s %s %s in %s", OPERATOR_SA, verb, resource, namespace)
                .isFalse();
    }

    private static boolean canI(String verb, String resource, String namespace) {
        if (resource.endsWith(".kafka.strimzi.io")) {
            // kubectl auth can-i resolves resource types through discovery, and Strimzi's CRDs are not installed
            // here: ask the API server the same question directly.
            var review = client.authorization()
                    .v1()
                    .subjectAccessReview()
                    .create(new SubjectAccessReviewBuilder()
                            .withNewSpec()
                            .withUser(OPERATOR_SA)
                            .withNewResourceAttributes()
                            .withGroup("kafka.strimzi.io")
                            .withResource(resource.substring(0, resource.indexOf('.')))
                            .withVerb(verb)
                            .withNamespace(namespace)
                            .endResourceAttributes()
                            .endSpec()
                            .build());
            return review.getStatus().getAllowed();
        }
        String answer = namespace == null || namespace.isBlank()
                ? kubectl.run("auth", "can-i", verb, resource, "--as=" + OPERATOR_SA)
                        .stdout()
                        .strip()
                : kubectl.run("auth", "can-i", verb, resource, "-n", namespace, "--as=" + OPERATOR_SA)
                        .stdout()
                        .strip();
        return answer.equals("yes");
    }
}
