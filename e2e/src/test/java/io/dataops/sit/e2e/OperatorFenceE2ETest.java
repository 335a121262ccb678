package io.dataops.sit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.e2e.support.Command;
import io.dataops.sit.e2e.support.E2EEnvironment;
import io.dataops.sit.e2e.support.E2EExtension;
import io.dataops.sit.e2e.support.InClusterOperator;
import io.dataops.sit.e2e.support.Kubectl;
import io.dataops.sit.e2e.support.Repo;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.OperatorRoleBindingDependent;
import io.dataops.sit.operator.dependents.RunScoped;
import io.dataops.sit.operator.dependents.RunnerRoleDependent;
import io.dataops.sit.operator.dependents.RunnerServiceAccountDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's ServiceAccount on a real API server, with deploy/operator.yaml's RBAC and admission policy: it
 * builds a run namespace the way the operator does (namespace, its own RoleBinding, the runner's ServiceAccount,
 * Role and RoleBinding — RBAC's escalation rule applies for real), its permissions and the runner's match the
 * committed lists in src/test/resources/expected-rbac/, and the ValidatingAdmissionPolicy refuses its writes
 * outside run namespaces even where RBAC alone would allow them.
 *
 * <p>Expected lists changed on purpose: run with {@code -Dsit.e2e.update-expected-rbac=true}, review the diff.
 */
@ExtendWith(E2EExtension.class)
class OperatorFenceE2ETest {

    static final String OPERATOR = "system:serviceaccount:sit-system:sit-operator";
    static final String TENANT = "team-fence";
    static final Path EXPECTED = Repo.path("e2e/src/test/resources/expected-rbac");

    static Kubectl kubectl;
    static SitRun run;
    static String runNamespace;

    @BeforeAll
    static void installAndBuildARunNamespaceAsTheOperator(E2EEnvironment env) {
        kubectl = env.kubectl();
        InClusterOperator.awaitNamespaceNotTerminating(kubectl);
        kubectl.ok(
                "apply",
                "--server-side",
                "--force-conflicts",
                "-f",
                Repo.path("deploy/operator.yaml").toString());
        // The suite runs its own operator; the Deployment must not compete. Only its RBAC and policy matter here.
        kubectl.ok("scale", "deployment", "sit-operator", "-n", "sit-system", "--replicas=0");
        kubectl.run("create", "namespace", TENANT);

        run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName("fenced")
                .withNamespace(TENANT)
                .withUid("uid-fenced")
                .build());
        run.setSpec(new SitRunSpec());
        runNamespace = RunNames.namespace(run);

        // What RunNamespaceDependent, OperatorRoleBindingDependent and the runner's dependents create, created as
        // the operator: the admission policy must let each through, and RBAC must let it grant the runner's Role.
        createAsOperator(new NamespaceBuilder()
                .withNewMetadata()
                .withName(runNamespace)
                .withLabels(RunNames.labels(run, Constants.COMPONENT_NAMESPACE))
                .endMetadata()
                .build());
        createAsOperator(OperatorRoleBindingDependent.desired(run, OperatorSettings.OperatorIdentity.DEFAULT));
        createAsOperator(new ServiceAccountBuilder()
                .withMetadata(
                        RunScoped.metadata(run, RunnerServiceAccountDependent.getName(run), Constants.COMPONENT_RUNNER))
                .build());
        createAsOperator(runnerRole());
        createAsOperator(new RoleBindingBuilder()
                .withMetadata(RunScoped.metadata(run, Constants.RUNNER_ROLE_NAME, Constants.COMPONENT_RUNNER))
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName(Constants.RUNNER_ROLE_NAME)
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("sit-runner")
                .withNamespace(runNamespace)
                .endSubject()
                .build());
    }

    @AfterAll
    static void removeNamespaces() {
        if (kubectl != null) {
            kubectl.run("delete", "namespace", TENANT, "--wait=false");
            if (runNamespace != null) {
                kubectl.run("delete", "namespace", runNamespace, "--wait=false");
            }
        }
    }

    @Test
    void operatorPermissionsInATenantNamespaceAreTheCommittedList() throws Exception {
        assertMatchesExpected("operator.txt", canIList(OPERATOR, TENANT));
    }

    @Test
    void operatorPermissionsInARunNamespaceAreTheCommittedList() throws Exception {
        assertMatchesExpected("operator-run-namespace.txt", canIList(OPERATOR, runNamespace));
    }

    @Test
    void runnerPermissionsInItsRunNamespaceAreTheCommittedList() throws Exception {
        assertMatchesExpected(
                "runner.txt", canIList("system:serviceaccount:" + runNamespace + ":sit-runner", runNamespace));
    }

    @Test
    void operatorMayWriteInsideItsRunNamespace() {
        Command.Result created = asOperator("create", "configmap", "fence-probe", "-n", runNamespace);
        assertThat(created.ok()).as(created.stderr()).isTrue();
    }

    @Test
    void operatorCannotBindItsRoleInATenantNamespace() {
        // RBAC alone allows it (create rolebindings anywhere, bind sit-operator-run-namespace): the policy refuses.
        var binding = OperatorRoleBindingDependent.desired(run, OperatorSettings.OperatorIdentity.DEFAULT);
        binding.getMetadata().setNamespace(TENANT);
        assertRefusedByPolicy(createAsOperatorResult(binding), "may only write into run namespaces");
        assertRefusedByPolicy(
                createAsOperatorResult(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("sit-operator-default")
                        .withNamespace("default")
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole")
                        .withName(Constants.RUN_NAMESPACE_CLUSTER_ROLE)
                        .endRoleRef()
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName("sit-operator")
                        .withNamespace("sit-system")
                        .endSubject()
                        .build()),
                "may only write into run namespaces");
    }

    @Test
    void operatorCannotDeleteRelabelOrCreateForeignNamespaces() {
        assertRefusedByPolicy(
                asOperator("delete", "namespace", TENANT, "--wait=false"),
                "may only create, change and delete the run namespaces");
        assertRefusedByPolicy(
                asOperator(
                        "label",
                        "namespace",
                        TENANT,
                        "app.kubernetes.io/managed-by=sit-operator",
                        "sit.dataops.io/component=namespace"),
                "may only create, change and delete the run namespaces");
        assertRefusedByPolicy(
                createAsOperatorResult(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("sit-foreign-0a1b2")
                        .endMetadata()
                        .build()),
                "may only create, change and delete");
        assertThat(kubectl.run("get", "namespace", TENANT).ok())
                .as("the tenant namespace is still there")
                .isTrue();
    }

    @Test
    void operatorCannotWriteWorkloadsOrSecretsOutsideRunNamespaces() {
        for (String namespace : new String[] {"default", TENANT}) {
            Command.Result secret =
                    asOperator("create", "secret", "generic", "stolen", "-n", namespace, "--from-literal=a=b");
            assertThat(secret.ok()).as("secret in " + namespace).isFalse();
            assertThat(secret.stderr()).containsIgnoringCase("forbidden");
            Command.Result job = asOperator("create", "job", "escape", "-n", namespace, "--image=busybox");
            assertThat(job.ok()).as("job in " + namespace).isFalse();
        }
        Command.Result list = asOperator("get", "secrets", "--all-namespaces");
        assertThat(list.ok()).as("no cluster-wide list on Secrets").isFalse();
    }

    /**
     * Reports and evidence live next to the SitRun, so the operator may create ConfigMaps in tenant namespaces: only
     * its own (labelled report/evidence, owned by a SitRun), never a tenant's, new or existing.
     */
    @Test
    void operatorWritesOnlyItsOwnReportConfigMapsInATenantNamespace() {
        kubectl.run("create", "configmap", "tenant-config", "-n", TENANT, "--from-literal=a=b");
        assertRefusedByPolicy(
                createAsOperatorResult(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("planted")
                        .withNamespace(TENANT)
                        .endMetadata()
                        .addToData("a", "b")
                        .build()),
                "ConfigMap");
        assertRefusedByPolicy(
                asOperator("annotate", "configmap", "tenant-config", "-n", TENANT, "sit.dataops.io/x=y"), "ConfigMap");
        assertRefusedByPolicy(
                asOperator(
                        "label",
                        "configmap",
                        "tenant-config",
                        "-n",
                        TENANT,
                        Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE,
                        Labels.COMPONENT + "=" + Artifacts.COMPONENT_REPORT),
                "ConfigMap");

        ConfigMap report = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(Artifacts.reportConfigMap(run.getMetadata().getName()))
                .withNamespace(TENANT)
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                .addToLabels(Labels.COMPONENT, Artifacts.COMPONENT_REPORT)
                .addNewOwnerReference()
                .withApiVersion("sit.dataops.io/v1alpha1")
                .withKind("SitRun")
                .withName(run.getMetadata().getName())
                .withUid(run.getMetadata().getUid())
                .endOwnerReference()
                .endMetadata()
                .addToData("NOTE.txt", "fence test")
                .build();
        Command.Result created = createAsOperatorResult(report);
        assertThat(created.ok()).as(created.stderr()).isTrue();
    }

    @Test
    void operatorCannotBindAnotherRoleEvenInItsRunNamespace() {
        Command.Result edit = createAsOperatorResult(new RoleBindingBuilder()
                .withNewMetadata()
                .withName("grab-edit")
                .withNamespace(runNamespace)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("admin")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("sit-runner")
                .withNamespace(runNamespace)
                .endSubject()
                .build());
        assertThat(edit.ok()).isFalse();
        assertThat(edit.stderr()).containsAnyOf("binds only its own run-namespace ClusterRole", "forbidden");
    }

    private static Role runnerRole() {
        try {
            // The Role exactly as the operator builds it (desired() is the dependent's protected hook).
            var desired = RunnerRoleDependent.class.getDeclaredMethod("desired", SitRun.class, Context.class);
            desired.setAccessible(true);
            return (Role) desired.invoke(new RunnerRoleDependent(), run, null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void createAsOperator(HasMetadata object) {
        // RBAC caches catch up with a new RoleBinding within moments: retry the refusals that can be that.
        Awaitility.await(object.getKind() + " " + object.getMetadata().getName() + " created as the operator")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Command.Result r = createAsOperatorResult(object);
                    if (!r.ok()
                            && !r.stderr().contains("forbidden")
                            && !r.stderr().contains("AlreadyExists")) {
                        throw new AssertionError(r.stderr());
                    }
                    return r.ok() || r.stderr().contains("AlreadyExists");
                });
    }

    private static Command.Result createAsOperatorResult(HasMetadata object) {
        // create, not apply: apply would GET first, and the operator holds no cluster-wide get on most kinds.
        return kubectl.runWithInput(Serialization.asYaml(object), "create", "--as=" + OPERATOR, "-f", "-");
    }

    private static Command.Result asOperator(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--as=" + OPERATOR;
        return kubectl.run(all);
    }

    private static void assertRefusedByPolicy(Command.Result result, String message) {
        assertThat(result.ok()).as("refused: " + result.command()).isFalse();
        assertThat(result.stderr()).contains("ValidatingAdmissionPolicy").contains(message);
    }

    /** kubectl auth can-i --list, normalised (see {@link #normalise}). */
    private static String canIList(String user, String namespace) {
        return normalise(kubectl.ok("auth", "can-i", "--list", "-n", namespace, "--as=" + user));
    }

    /**
     * Column widths depend on the longest entry, and the order of rules and of verbs within a line on how the API
     * server walks the bindings: whitespace collapsed, verbs sorted, lines sorted below the header.
     */
    static String normalise(String canIList) {
        var lines = canIList.lines()
                .map(line -> line.strip().replaceAll("\\s+", " "))
                .filter(line -> !line.isEmpty())
                .map(OperatorFenceE2ETest::sortVerbs)
                .toList();
        if (lines.isEmpty()) {
            return "";
        }
        return lines.getFirst() + "\n" + lines.stream().skip(1).sorted().collect(Collectors.joining("\n")) + "\n";
    }

    private static String sortVerbs(String line) {
        int open = line.lastIndexOf('[');
        if (open < 0 || !line.endsWith("]")) {
            return line;
        }
        return line.substring(0, open + 1)
                + Arrays.stream(line.substring(open + 1, line.length() - 1).split(" "))
                        .filter(verb -> !verb.isEmpty())
                        .sorted()
                        .collect(Collectors.joining(" "))
                + "]";
    }

    private static void assertMatchesExpected(String file, String actual) throws Exception {
        Path expected = EXPECTED.resolve(file);
        if (Boolean.getBoolean("sit.e2e.update-expected-rbac")) {
            Files.createDirectories(EXPECTED);
            Files.writeString(expected, actual);
        }
        assertThat(expected)
                .as("committed list; create or refresh with -Dsit.e2e.update-expected-rbac=true")
                .exists();
        assertThat(actual)
                .as(
                        "kubectl auth can-i --list drifted from "
                                + Repo.path("").relativize(expected)
                                + " (a permission was added or removed: review, then refresh with -Dsit.e2e.update-expected-rbac=true)")
                .isEqualTo(normalise(Files.readString(expected)));
    }
}
