package io.dataops.sit.operator.fence;

import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static io.dataops.sit.operator.dependents.TestRuns.system;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.KafkaSpec;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.OperatorSettings.WorkloadFence;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 8, forbidden images: the allow-list's matching rules and what the reconciler is told. */
class ImagePolicyTest {

    static final String RUNNER = OperatorSettings.DEFAULT_RUNNER_IMAGE;

    static OperatorSettings allowing(String entries) {
        return OperatorSettings.defaults()
                .withWorkloadFence(new WorkloadFence(
                        WorkloadFence.allowedImages(entries),
                        List.of(),
                        WorkloadFence.DEFAULTS.referencesMaxBytes(),
                        WorkloadFence.DEFAULTS.referencesMaxCount()));
    }

    static SitRun runWith(String runnerImage, String... systemImages) {
        SitRun run = run("orders");
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        runner.setImage(runnerImage);
        run.getSpec().setRunner(runner);
        var systems = new ArrayList<SystemSpec>();
        for (int i = 0; i < systemImages.length; i++) {
            var s = system("app-" + i);
            s.setImage(systemImages[i]);
            systems.add(s);
        }
        run.getSpec().setSystems(systems);
        return run;
    }

    @Test
    void byDefaultOnlyTheOperatorsRunnerImageRunsAndSystemsAreUnrestricted() {
        OperatorSettings defaults = OperatorSettings.defaults();
        assertThat(ImagePolicy.check(runWith(null, "example/app:1"), defaults)).isNull();
        assertThat(ImagePolicy.check(runWith(RUNNER, "quay.io/anyone/anything@sha256:abc"), defaults))
                .isNull();

        Problem problem = ImagePolicy.check(runWith("evil.example/runner:1"), defaults);
        assertThat(problem.reason()).isEqualTo("ImageNotAllowed");
        assertThat(problem.message())
                .contains("spec.runner.image", "evil.example/runner:1", RUNNER, "sit.images.allowed");
    }

    @Test
    void anotherTagOfTheRunnerImageIsAnotherImage() {
        assertThat(ImagePolicy.check(runWith("ghcr.io/dataops-sit/sit-runner:latest"), OperatorSettings.defaults()))
                .isNotNull();
    }

    @Test
    void anAllowListAppliesToSystemsBrokersAndDatabasesNamingTheField() {
        OperatorSettings settings = allowing("ghcr.io/dataops-sit/,docker.io/library/postgres");
        assertThat(ImagePolicy.check(runWith(null, "ghcr.io/dataops-sit/app:1"), settings))
                .isNull();

        Problem system =
                ImagePolicy.check(runWith(null, "ghcr.io/dataops-sit/app:1", "docker.io/evil/app:1"), settings);
        assertThat(system.message()).startsWith("spec.systems[1].image: image docker.io/evil/app:1 is not allowed");

        SitRun withDatabase = runWith(null);
        withDatabase.getSpec().setDatabases(List.of(database("a"), database("b")));
        withDatabase.getSpec().getDatabases().get(0).getPostgres().setImage("postgres:16-alpine");
        withDatabase.getSpec().getDatabases().get(1).getPostgres().setImage("mirror.example/postgres:16");
        assertThat(ImagePolicy.check(withDatabase, settings).message()).startsWith("spec.databases[1].postgres.image");
    }

    @Test
    void theRunnerImageMayComeFromTheAllowList() {
        OperatorSettings settings = allowing("registry.corp/sit/");
        assertThat(ImagePolicy.check(runWith("registry.corp/sit/runner:2@sha256:abc"), settings))
                .isNull();
        assertThat(ImagePolicy.check(runWith(RUNNER), settings)).isNull();
        assertThat(ImagePolicy.check(runWith("registry.corp/other/runner:2"), settings)
                        .message())
                .contains("spec.runner.image", "neither the operator's runner image");
    }

    @Test
    void aPrefixNeverMatchesAcrossABoundaryTheAdminDidNotWrite() {
        List<String> org = WorkloadFence.allowedImages("ghcr.io/dataops-sit/");
        assertThat(ImagePolicy.allows(org, "ghcr.io/dataops-sit/runner:1")).isTrue();
        assertThat(ImagePolicy.allows(org, "ghcr.io/dataops-sit.evil.com/x:1")).isFalse();
        assertThat(ImagePolicy.allows(org, "ghcr.io/dataops-situation/x:1")).isFalse();

        // Without the trailing '/', an entry names one repository, never a prefix of a name.
        List<String> repo = WorkloadFence.allowedImages("ghcr.io/dataops-sit");
        assertThat(ImagePolicy.allows(repo, "ghcr.io/dataops-sit:1")).isTrue();
        assertThat(ImagePolicy.allows(repo, "ghcr.io/dataops-sit.evil.com/x")).isFalse();
        assertThat(ImagePolicy.allows(repo, "ghcr.io/dataops-sit/x")).isFalse();

        // A registry host must be written whole: a look-alike host is another registry.
        List<String> host = WorkloadFence.allowedImages("registry.corp/");
        assertThat(ImagePolicy.allows(host, "registry.corp.evil.com/team/app")).isFalse();
        assertThat(ImagePolicy.allows(host, "registry.corp:5000/team/app")).isFalse();
    }

    @Test
    void anExplicitStarAllowsNamesStartingSo() {
        List<String> team = WorkloadFence.allowedImages("registry.corp/team-*");
        assertThat(ImagePolicy.allows(team, "registry.corp/team-a/app:1")).isTrue();
        assertThat(ImagePolicy.allows(team, "registry.corp/team-b")).isTrue();
        assertThat(ImagePolicy.allows(team, "registry.corp/other/team-a")).isFalse();
    }

    @Test
    void tagsAndDigestsPinWhenWrittenAndAreIgnoredWhenNot() {
        List<String> pinned = WorkloadFence.allowedImages("docker.io/library/postgres:16,ghcr.io/x/app@sha256:abc");
        assertThat(ImagePolicy.allows(pinned, "postgres:16")).isTrue();
        assertThat(ImagePolicy.allows(pinned, "postgres:17")).isFalse();
        assertThat(ImagePolicy.allows(pinned, "ghcr.io/x/app@sha256:abc")).isTrue();
        assertThat(ImagePolicy.allows(pinned, "ghcr.io/x/app@sha256:def")).isFalse();
        // A tag in front of a digest: the digest decides what runs, so the reference must match exactly.
        assertThat(ImagePolicy.allows(pinned, "ghcr.io/x/app:1@sha256:abc")).isFalse();
        List<String> repo = WorkloadFence.allowedImages("registry.corp:5000/team/app");
        assertThat(ImagePolicy.allows(repo, "registry.corp:5000/team/app:1.2@sha256:abc"))
                .isTrue();
    }

    @Test
    void dockerHubShortNamesAreNormalisedOnBothSides() {
        assertThat(ImagePolicy.normalize("postgres:16")).isEqualTo("docker.io/library/postgres:16");
        assertThat(ImagePolicy.normalize("apache/kafka:4.1.0")).isEqualTo("docker.io/apache/kafka:4.1.0");
        assertThat(ImagePolicy.normalize("index.docker.io/apache/kafka")).isEqualTo("docker.io/apache/kafka");
        assertThat(ImagePolicy.normalize("docker.io/postgres")).isEqualTo("docker.io/library/postgres");
        assertThat(ImagePolicy.normalize("localhost/app:1")).isEqualTo("localhost/app:1");
        assertThat(ImagePolicy.allows(WorkloadFence.allowedImages("docker.io/apache/"), "apache/kafka:4.1.0"))
                .isTrue();
        assertThat(ImagePolicy.allows(WorkloadFence.allowedImages("docker.io/apache/"), "kafka:4.1.0"))
                .isFalse();
    }

    @Test
    void malformedEntriesStopTheOperatorNamingTheKey() {
        for (String bad : List.of("dataops-sit/", "ghcr.io", "*", "ghcr.io/*/x", "ghcr.*/x", "ghcr.io/a b/")) {
            assertThatThrownBy(() -> WorkloadFence.allowedImages(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sit.images.allowed");
        }
        assertThat(WorkloadFence.allowedImages(" ghcr.io/dataops-sit/ , ,registry.corp:5000/team-* "))
                .containsExactly("ghcr.io/dataops-sit/", "registry.corp:5000/team-*");
    }

    static final String DIGEST = "@sha256:" + "0123456789abcdef".repeat(4);

    static OperatorSettings requiringDigests(String allowedEntries) {
        return OperatorSettings.defaults()
                .withWorkloadFence(new WorkloadFence(
                        WorkloadFence.allowedImages(allowedEntries),
                        List.of(),
                        WorkloadFence.DEFAULTS.referencesMaxBytes(),
                        WorkloadFence.DEFAULTS.referencesMaxCount(),
                        true));
    }

    @Test
    void withDigestsRequiredEveryImageTheTenantNamesIsPinnedButTheOperatorsRunnerImageIsNotAsked() {
        OperatorSettings settings = requiringDigests("");
        assertThat(ImagePolicy.check(runWith(null, "example/app" + DIGEST), settings))
                .isNull();
        // The operator's own runner image is the admin's choice: a tag there is not the tenant's to pin.
        assertThat(ImagePolicy.check(runWith(RUNNER, "example/app:1" + DIGEST), settings))
                .isNull();

        Problem tagged = ImagePolicy.check(runWith(null, "example/app" + DIGEST, "example/worker:1.2"), settings);
        assertThat(tagged.reason()).isEqualTo("ImageNotAllowed");
        assertThat(tagged.message())
                .contains("spec.systems[1].image", "example/worker:1.2", "sit.images.require-digest", "@sha256:");

        SitRun brokerOverride = runWith(null, "example/app" + DIGEST);
        var broker = new BrokerSpec();
        broker.setName("events");
        var kafka = new KafkaSpec();
        kafka.setImage("apache/kafka:4.1.1");
        broker.setKafka(kafka);
        brokerOverride.getSpec().getBrokers().add(broker);
        assertThat(ImagePolicy.check(brokerOverride, settings).message()).contains("spec.brokers[0].kafka.image");
    }

    @Test
    void aDigestMustBeAWholeSha256AndTheAllowListStillApplies() {
        assertThat(ImagePolicy.pinnedByDigest("example/app" + DIGEST)).isTrue();
        assertThat(ImagePolicy.pinnedByDigest("example/app@sha256:abc")).isFalse();
        assertThat(ImagePolicy.pinnedByDigest("example/app@sha256:" + "0123456789ABCDEF".repeat(4)))
                .isFalse();
        assertThat(ImagePolicy.pinnedByDigest("example/app:sha256-" + "0".repeat(64)))
                .isFalse();
        assertThat(ImagePolicy.pinnedByDigest(null)).isFalse();

        OperatorSettings settings = requiringDigests("registry.corp/team/");
        assertThat(ImagePolicy.check(runWith(null, "registry.corp/team/app" + DIGEST), settings))
                .isNull();
        assertThat(ImagePolicy.check(runWith(null, "elsewhere.io/app" + DIGEST), settings)
                        .message())
                .contains("sit.images.allowed only allows");
    }
}
