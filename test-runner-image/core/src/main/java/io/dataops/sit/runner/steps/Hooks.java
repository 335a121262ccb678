package io.dataops.sit.runner.steps;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.dataops.sit.api.Redaction;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.seed.DatabaseSnapshot;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Before each scenario: names its world (which the object factory made for this scenario), and for a scenario tagged
 * {@code @isolated} puts every database with {@code snapshot: true} back to how it was seeded and takes the end
 * offsets of every topic, from which the scenario's reads start.
 */
public class Hooks {

    static final String ISOLATED_TAG = "@isolated";

    private final ScenarioWorld world;
    private final RunContext run;

    public Hooks(ScenarioWorld world, RunContext run) {
        this.world = world;
        this.run = run;
    }

    @Before(order = 0)
    public void nameWorld(Scenario scenario) {
        world.nameAfter(scenario.getName(), scenario.getUri().toString());
    }

    @Before(value = ISOLATED_TAG, order = 1)
    public void restoreSnapshots() {
        List<DatabaseSpec> snapshotted =
                run.env().sitRun() == null || run.env().sitRun().getSpec() == null
                        ? List.of()
                        : run.env().sitRun().getSpec().getDatabases().stream()
                                .filter(DatabaseSpec::snapshotRequested)
                                .toList();
        // A run with databases of its own but no snapshot cannot start the scenario from its seeded data: the tag
        // would promise what it does not do. A run without databases isolates its topics only, and so does one whose
        // databases are all external (someone else's: never restored, status.notIsolated says so).
        Set<String> external = run.env().sitRun() == null || run.env().sitRun().getSpec() == null
                ? Set.of()
                : run.env().sitRun().getSpec().getDatabases().stream()
                        .filter(DatabaseSpec::external)
                        .map(DatabaseSpec::getName)
                        .collect(Collectors.toSet());
        boolean ownsDatabases = run.env().databases().keySet().stream().anyMatch(name -> !external.contains(name));
        if (snapshotted.isEmpty() && ownsDatabases) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "scenario tagged " + ISOLATED_TAG + " but no database has snapshot: true to start it from");
        }
        if (snapshotted.isEmpty() && run.env().brokers().isEmpty()) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "scenario tagged " + ISOLATED_TAG + " but the run has no broker and no database to isolate");
        }
        for (DatabaseSpec spec : snapshotted) {
            DatabaseConnection db = run.env().database(spec.getName());
            try {
                Duration took = DatabaseSnapshot.restore(db);
                System.err.println(
                        "    database " + spec.getName() + " restored from its snapshot in " + took.toMillis() + " ms");
            } catch (SQLException e) {
                throw new StepError(
                        RunReason.DATABASE_UNREACHABLE,
                        "cannot restore database " + spec.getName() + " from its snapshot: "
                                + Redaction.firstLine(e.getMessage()),
                        e);
            }
        }
    }

    /**
     * After the databases (a restore may take a while, and systems reconnecting write nothing to topics): the
     * closer to the first step, the less of an earlier scenario's late output lands after the checkpoint.
     */
    @Before(value = ISOLATED_TAG, order = 2)
    public void checkpointTopics() {
        for (Map.Entry<String, String> broker : run.env().brokers().entrySet()) {
            long started = System.nanoTime();
            Map<TopicPartition, Long> ends = KafkaIo.endOffsetsOfAllTopics(
                    broker.getValue(), run.settings().brokerTimeout());
            world.topicsAtStart.put(broker.getValue(), Map.copyOf(ends));
            System.err.println("    broker " + broker.getKey() + ": reads start at the end offsets of "
                    + ends.keySet().stream()
                            .map(TopicPartition::topic)
                            .distinct()
                            .count() + " topics ("
                    + ends.size() + " partitions), taken in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }
}
