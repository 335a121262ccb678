package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.Constants;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.processing.event.NoEventSourceForClassException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunObjectsTest {

    private static SitRun runWithDatabase() {
        SitRun run = run("orders");
        run.getSpec().getDatabases().add(database("warehouse-eu"));
        return run;
    }

    @Test
    void findsTheCurrentRunsObjectOfAComponent() {
        SitRun run = runWithDatabase();
        StatefulSet sts = PostgresStatefulSetDependent.desired(
                run, run.getSpec().getDatabases().get(0));
        String name = sts.getMetadata().getName();

        assertThat(RunObjects.ofRun(new FakeContext(run, sts), StatefulSet.class, Constants.COMPONENT_DATABASE, name))
                .contains(sts);
        assertThat(RunObjects.ofRun(new FakeContext(run, sts), StatefulSet.class, Constants.COMPONENT_BROKER, name))
                .as("another component")
                .isEmpty();
        sts.getMetadata().setNamespace("sit-previous-run");
        assertThat(RunObjects.ofRun(new FakeContext(run, sts), StatefulSet.class, Constants.COMPONENT_DATABASE, name))
                .as("a predecessor's object in its terminating namespace")
                .isEmpty();
    }

    @Test
    void onlyAMissingEventSourceReadsAsAbsent() {
        SitRun run = runWithDatabase();
        FakeContext inactive = new FakeContext(run) {
            @Override
            public <R> Set<R> getSecondaryResources(Class<R> expectedType) {
                throw new NoEventSourceForClassException(expectedType);
            }
        };
        assertThat(RunObjects.all(inactive, StatefulSet.class, "sit-x")).isEmpty();

        FakeContext broken = new FakeContext(run) {
            @Override
            public <R> Set<R> getSecondaryResources(Class<R> expectedType) {
                throw new IllegalStateException("a bug");
            }
        };
        assertThatThrownBy(() -> RunObjects.find(broken, StatefulSet.class, "sit-x", "pg"))
                .isInstanceOf(IllegalStateException.class);
    }
}
