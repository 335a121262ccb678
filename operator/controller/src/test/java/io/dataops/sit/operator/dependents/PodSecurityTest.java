package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaStatefulSetDependent;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaTopicsJobDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.dataops.sit.operator.dependents.systems.SystemDeploymentDependent;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every pod template a run produces passes the Pod Security Standard "restricted", checked here by the
 * standard's own rules (not by re-reading PodSecurity), and runs as the uid its image needs.
 */
class PodSecurityTest {

    static SitRun fullRun() {
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN, "input_topic_1")));
        run.getSpec().setDatabases(List.of(database("warehouse")));
        run.getSpec().setSystems(List.of(system("product-1", 8080)));
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        run.getSpec().setRunner(runner);
        return run;
    }

    /** Every pod template of a full run, by the object that carries it. */
    static Map<String, PodSpec> podTemplates(SitRun run) {
        FakeContext context = new FakeContext(run);
        Map<String, PodSpec> pods = new LinkedHashMap<>();
        new BuiltinKafkaStatefulSetDependent()
                .desiredByEntry(run, context)
                .values()
                .forEach(s -> pods.put(
                        "StatefulSet/" + s.getMetadata().getName(),
                        s.getSpec().getTemplate().getSpec()));
        new BuiltinKafkaTopicsJobDependent()
                .desiredByEntry(run, context)
                .values()
                .forEach(j -> pods.put(
                        "Job/" + j.getMetadata().getName(),
                        j.getSpec().getTemplate().getSpec()));
        new PostgresStatefulSetDependent()
                .desiredByEntry(run, context)
                .values()
                .forEach(s -> pods.put(
                        "StatefulSet/" + s.getMetadata().getName(),
                        s.getSpec().getTemplate().getSpec()));
        new SeedJobDependent()
                .desiredByEntry(run, context)
                .values()
                .forEach(j -> pods.put(
                        "Job/" + j.getMetadata().getName(),
                        j.getSpec().getTemplate().getSpec()));
        new SystemDeploymentDependent()
                .desiredByEntry(run, context)
                .values()
                .forEach(d -> pods.put(
                        "Deployment/" + d.getMetadata().getName(),
                        d.getSpec().getTemplate().getSpec()));
        var runner = new RunnerJobDependent().desired(run, context);
        pods.put(
                "Job/" + runner.getMetadata().getName(),
                runner.getSpec().getTemplate().getSpec());
        return pods;
    }

    @Test
    void everyPodOfARunPassesRestricted() {
        Map<String, PodSpec> pods = podTemplates(fullRun());
        assertThat(pods).hasSize(6);
        pods.forEach(
                (owner, pod) -> assertThat(restrictedViolations(pod)).as(owner).isEmpty());
    }

    @Test
    void imagesRunAsTheirKnownUsers() {
        Map<String, PodSpec> pods = podTemplates(fullRun());
        assertUser(pods.get("StatefulSet/events-kafka"), 1000L, 1000L);
        assertUser(pods.get("Job/events-topics"), 1000L, 1000L);
        assertUser(pods.get("StatefulSet/warehouse-postgres"), 999L, 999L);
        assertUser(pods.get("Job/warehouse-seed"), 10001L, null);
        assertUser(pods.get("Job/sit-runner"), 10001L, null);
        // a tenant's image must declare its own numeric non-root USER: nothing forced
        PodSpec system = pods.get("Deployment/product-1");
        assertThat(system.getSecurityContext().getRunAsUser()).isNull();
        assertThat(system.getContainers().get(0).getSecurityContext().getRunAsUser())
                .isNull();
        assertThat(system.getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void alpinePostgresRunsAsUid70() {
        assertThat(PodSecurity.postgres("postgres:16").uid()).isEqualTo(999L);
        assertThat(PodSecurity.postgres("mirror.local:5000/postgres:17-alpine").uid())
                .isEqualTo(70L);
        assertThat(PodSecurity.postgres("mirror.local:5000/postgres@sha256:abc").uid())
                .isEqualTo(999L);
    }

    @Test
    void namespaceIsLabelledWithTheOperatorsLevelNotTheRunsChoice() {
        SitRun run = fullRun();
        run.getMetadata().setLabels(Map.of("pod-security.kubernetes.io/enforce", "privileged"));
        var ns = new RunNamespaceDependent().desired(run, new FakeContext(run));
        assertThat(ns.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/enforce-version", "latest")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted");
        assertThat(RunNamespaceDependent.isOwnedBy(ns, run)).isTrue();
    }

    private static void assertUser(PodSpec pod, Long uid, Long fsGroup) {
        assertThat(pod.getContainers())
                .allSatisfy(c -> assertThat(effectiveUser(pod, c)).isEqualTo(uid));
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(fsGroup);
    }

    private static Long effectiveUser(PodSpec pod, Container c) {
        Long container =
                c.getSecurityContext() == null ? null : c.getSecurityContext().getRunAsUser();
        return container != null
                ? container
                : pod.getSecurityContext() == null
                        ? null
                        : pod.getSecurityContext().getRunAsUser();
    }

    /** The "restricted" profile's checks that a pod template can fail (kubernetes.io/docs/concepts/security/pod-security-standards). */
    static List<String> restrictedViolations(PodSpec pod) {
        List<String> out = new ArrayList<>();
        var psc = pod.getSecurityContext();
        if (Boolean.TRUE.equals(pod.getHostNetwork())
                || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            out.add("host namespaces");
        }
        if (pod.getVolumes() != null && pod.getVolumes().stream().anyMatch(v -> v.getHostPath() != null)) {
            out.add("hostPath volume");
        }
        String podSeccomp = psc == null || psc.getSeccompProfile() == null
                ? null
                : psc.getSeccompProfile().getType();
        Boolean podNonRoot = psc == null ? null : psc.getRunAsNonRoot();
        if (psc != null && Objects.equals(psc.getRunAsUser(), 0L)) {
            out.add("pod runAsUser 0");
        }
        Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                .forEach(c -> {
                    var sc = c.getSecurityContext();
                    String name = c.getName();
                    if (sc == null) {
                        out.add(name + ": no securityContext");
                        return;
                    }
                    if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                        out.add(name + ": allowPrivilegeEscalation must be false");
                    }
                    if (Boolean.TRUE.equals(sc.getPrivileged())) {
                        out.add(name + ": privileged");
                    }
                    if (sc.getCapabilities() == null
                            || sc.getCapabilities().getDrop() == null
                            || !sc.getCapabilities().getDrop().contains("ALL")) {
                        out.add(name + ": capabilities must drop ALL");
                    }
                    if (sc.getCapabilities() != null
                            && sc.getCapabilities().getAdd() != null
                            && sc.getCapabilities().getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
                        out.add(name + ": adds capabilities");
                    }
                    Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podNonRoot;
                    if (!Boolean.TRUE.equals(nonRoot)) {
                        out.add(name + ": runAsNonRoot must be true");
                    }
                    if (Objects.equals(sc.getRunAsUser(), 0L)) {
                        out.add(name + ": runAsUser 0");
                    }
                    String seccomp = sc.getSeccompProfile() != null
                            ? sc.getSeccompProfile().getType()
                            : podSeccomp;
                    if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                        out.add(name + ": seccompProfile must be RuntimeDefault or Localhost");
                    }
                    if (c.getPorts() != null
                            && c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                        out.add(name + ": hostPort");
                    }
                });
        return out;
    }
}
