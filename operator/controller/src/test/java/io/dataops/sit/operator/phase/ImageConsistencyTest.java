package io.dataops.sit.operator.phase;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencyPolicy;
import io.dataops.sit.api.v1alpha1.spec.ImageConsistencySpec;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.status.SystemStatus;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The one-build rule (spec.imageConsistency) and what the status records of the pods' images. */
class ImageConsistencyTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);

    final SitRunStatusAggregator aggregator = new SitRunStatusAggregator(OperatorSettings.defaults());

    static SitRun run(ImageConsistencyPolicy policy, String coreRevision, String stageLibRevision) {
        SitRun run = TestRuns.run("pipeline");
        run.getSpec().setRunner(new RunnerSpec());
        SystemSpec core = TestRuns.system("core");
        core.setRevision(coreRevision);
        SystemSpec stageLib = TestRuns.system("stage-lib");
        stageLib.setRevision(stageLibRevision);
        SystemSpec mock = TestRuns.system("mock");
        run.getSpec().setSystems(List.of(core, stageLib, mock));
        if (policy != null) {
            ImageConsistencySpec rule = new ImageConsistencySpec();
            rule.setPolicy(policy);
            rule.setSystems(List.of("core", "stage-lib"));
            run.getSpec().setImageConsistency(rule);
        }
        return run;
    }

    static RunImages images(Map<String, List<String>> systems, String... runner) {
        Map<String, SortedSet<String>> sets = new HashMap<>();
        systems.forEach((k, v) -> sets.put(k, new TreeSet<>(v)));
        return new RunImages(sets, new TreeSet<>(List.of(runner)));
    }

    @Test
    void declaredRevisionsThatDifferAreAFindingNamingTheSystemsAndRevisions() {
        SitRun run = run(ImageConsistencyPolicy.FAIL, "3.1.0", "3.0.0");
        assertThat(ImageConsistency.findings(run, RunImages.NONE))
                .containsExactly("different revisions: core (revision 3.1.0); stage-lib (revision 3.0.0)");
        var problem = ImageConsistency.problem(run, RunImages.NONE);
        assertThat(problem.reason()).isEqualTo("ImagesFromDifferentBuilds");
        assertThat(problem.message()).contains("core (revision 3.1.0)", "stage-lib (revision 3.0.0)", "policy Fail");
    }

    @Test
    void warnReportsButIsNoProblemAndNoRuleIsNoFinding() {
        assertThat(ImageConsistency.problem(run(ImageConsistencyPolicy.WARN, "3.1.0", "3.0.0"), RunImages.NONE))
                .isNull();
        assertThat(ImageConsistency.findings(run(ImageConsistencyPolicy.WARN, "3.1.0", "3.0.0"), RunImages.NONE))
                .hasSize(1);
        assertThat(ImageConsistency.findings(run(null, "3.1.0", "3.0.0"), RunImages.NONE))
                .isEmpty();
    }

    @Test
    void aSystemLeftOutOfTheRuleIsNotCompared() {
        SitRun run = run(ImageConsistencyPolicy.FAIL, "3.1.0", "3.1.0");
        RunImages images = images(Map.of(
                "core", List.of("registry.example.com/core@" + A),
                "stage-lib", List.of("registry.example.com/stage-lib@" + B),
                "mock", List.of("registry.example.com/mock@" + A, "registry.example.com/mock@" + B)));
        assertThat(ImageConsistency.findings(run, images)).isEmpty();
        assertThat(ImageConsistency.problem(run, images)).isNull();
    }

    @Test
    void podsOfOneSystemRunningTwoDigestsAreAFinding() {
        SitRun run = run(ImageConsistencyPolicy.FAIL, "3.1.0", "3.1.0");
        RunImages images = images(Map.of(
                "core", List.of("registry.example.com/core@" + A, "registry.example.com/core@" + B),
                "stage-lib", List.of("registry.example.com/stage-lib@" + A)));
        assertThat(ImageConsistency.findings(run, images))
                .singleElement()
                .asString()
                .contains("the pods of core ran 2 different images", A, B);
    }

    @Test
    void systemsNamingTheSameRepositoryMustResolveToOneDigest() {
        SitRun run = run(ImageConsistencyPolicy.FAIL, "3.1.0", "3.1.0");
        run.getSpec().getSystems().get(0).setImage("registry.example.com/pipeline:3.1");
        run.getSpec().getSystems().get(1).setImage("registry.example.com/pipeline:3.1");
        RunImages same = images(Map.of(
                "core", List.of("registry.example.com/pipeline@" + A),
                "stage-lib", List.of("mirror.example.com/pipeline@" + A)));
        assertThat(ImageConsistency.findings(run, same))
                .as("one digest, whichever mirror served it")
                .isEmpty();
        RunImages moved = images(Map.of(
                "core", List.of("registry.example.com/pipeline@" + A),
                "stage-lib", List.of("registry.example.com/pipeline@" + B)));
        assertThat(ImageConsistency.findings(run, moved))
                .singleElement()
                .asString()
                .contains("systems core, stage-lib name the same image registry.example.com/pipeline");
    }

    @Test
    void theStatusRecordsEachSystemsDigestsAndTheRunnersAndKeepsThemOverTheRun() {
        SitRun run = run(ImageConsistencyPolicy.WARN, "3.1.0", "3.1.0");
        SitRunStatus s = aggregator.start(run, T0);
        s = aggregator.aggregate(
                run,
                s,
                observation(
                        T0.plusSeconds(5),
                        images(
                                Map.of("core", List.of("registry.example.com/core@" + A)),
                                "ghcr.io/dataops-sit/sit-runner@" + B)));
        assertThat(s.getSystems())
                .filteredOn(x -> x.getName().equals("core"))
                .singleElement()
                .satisfies(x -> assertThat(x.getImageDigests()).containsExactly("registry.example.com/core@" + A));
        assertThat(s.getSystems())
                .filteredOn(x -> x.getName().equals("mock"))
                .singleElement()
                .satisfies(x ->
                        assertThat(x.getImageDigests()).as("no pod seen yet").isNull());
        assertThat(s.getRunner().getImage())
                .isEqualTo(OperatorSettings.defaults().runnerImage());
        assertThat(s.getRunner().getImageDigests()).containsExactly("ghcr.io/dataops-sit/sit-runner@" + B);
        assertThat(s.condition(Conditions.IMAGES_CONSISTENT).getStatus()).isEqualTo("True");
        assertThat(s.condition(Conditions.IMAGES_CONSISTENT).getReason()).isEqualTo("OneBuild");

        // core scaled to 0 by a fault step, and a second core pod pulled a moved tag: both stay on record.
        s = aggregator.aggregate(
                run,
                s,
                observation(T0.plusSeconds(10), images(Map.of("core", List.of("registry.example.com/core@" + B)))));
        assertThat(s.getSystems())
                .filteredOn(x -> x.getName().equals("core"))
                .singleElement()
                .satisfies(x -> assertThat(x.getImageDigests())
                        .containsExactly("registry.example.com/core@" + A, "registry.example.com/core@" + B));
        assertThat(s.getRunner().getImageDigests()).containsExactly("ghcr.io/dataops-sit/sit-runner@" + B);
        assertThat(s.condition(Conditions.IMAGES_CONSISTENT).getStatus()).isEqualTo("False");
        assertThat(s.condition(Conditions.IMAGES_CONSISTENT).getReason()).isEqualTo("ImagesFromDifferentBuilds");
        assertThat(s.getPhase()).as("Warn: the run goes on").isNotEqualTo(Phase.ERROR);
    }

    @Test
    void withoutTheRuleThereIsNoConditionButDigestsAreStillRecorded() {
        SitRun run = run(null, null, null);
        SitRunStatus s = aggregator.aggregate(
                run,
                aggregator.start(run, T0),
                observation(T0.plusSeconds(5), images(Map.of("mock", List.of("registry.example.com/mock@" + A)))));
        assertThat(s.condition(Conditions.IMAGES_CONSISTENT)).isNull();
        assertThat(s.getSystems())
                .filteredOn(x -> x.getName().equals("mock"))
                .singleElement()
                .satisfies(x -> assertThat(x.getImageDigests()).containsExactly("registry.example.com/mock@" + A));
    }

    static RunObservation observation(Instant now, RunImages images) {
        List<SystemStatus> systems = List.of(system("core"), system("stage-lib"), system("mock"));
        return new RunObservation(
                now, null, true, List.of(), List.of(), systems, Map.of(), Map.of(), JobState.ABSENT, null, images);
    }

    static SystemStatus system(String name) {
        SystemStatus status = new SystemStatus();
        status.setName(name);
        return status;
    }
}
