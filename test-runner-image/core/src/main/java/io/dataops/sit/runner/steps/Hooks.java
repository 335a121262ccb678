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

/**
 * Before each scenario: names its world (which the object factory made for this scenario), and for a scenario tagged
 * {@code @isolated} puts every database with {@code snapshot: true} back to how it was seeded.
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
        if (snapshotted.isEmpty()) {
            throw new StepError(
                    RunReason.BAD_INPUT,
                    "scenario tagged " + ISOLATED_TAG + " but no database has snapshot: true to start it from");
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
}
