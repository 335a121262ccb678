package io.dataops.sit.operator.dependents;

import static io.dataops.sit.operator.dependents.TestRuns.broker;
import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.operator.dependents.kafka.BuiltinKafkaStatefulSetDependent;
import io.dataops.sit.operator.dependents.postgres.PostgresStatefulSetDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunBulkDependentTest {

    /** Exposes JOSDK's own reference handling, which create/update apply to every desired object. */
    static class ProbedKafkaStatefulSet extends BuiltinKafkaStatefulSetDependent {
        StatefulSet withReferences(StatefulSet desired, SitRun primary) {
            addReferenceHandlingMetadata(desired, primary);
            return desired;
        }

        boolean ownerReference() {
            return addOwnerReference();
        }
    }

    @Test
    void josdkAddsPrimaryAnnotationsAndNoOwnerReference() {
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN)));
        ProbedKafkaStatefulSet dependent = new ProbedKafkaStatefulSet();
        StatefulSet sts = dependent.withReferences(
                BuiltinKafkaStatefulSetDependent.desired(
                        run, run.getSpec().getBrokers().get(0)),
                run);

        assertThat(dependent.ownerReference()).isFalse();
        assertThat(sts.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(sts.getMetadata().getAnnotations())
                .containsEntry(Mappers.DEFAULT_ANNOTATION_FOR_NAME, "orders")
                .containsEntry(Mappers.DEFAULT_ANNOTATION_FOR_NAMESPACE, "team-a")
                .containsKey(Mappers.DEFAULT_ANNOTATION_FOR_PRIMARY_TYPE);
        // the secondary-to-primary mapper JOSDK builds for this dependent finds the SitRun again
        assertThat(Mappers.fromDefaultAnnotations(SitRun.class).toPrimaryResourceIDs(sts))
                .singleElement()
                .satisfies(id -> {
                    assertThat(id.getName()).isEqualTo("orders");
                    assertThat(id.getNamespace()).contains("team-a");
                });
    }

    @Test
    void bulkSeesOnlyItsOwnComponentSoItNeverDeletesTheOthers() {
        SitRun run = run("orders");
        run.getSpec().setBrokers(List.of(broker("events", KafkaProvider.BUILTIN)));
        run.getSpec().setDatabases(List.of(database("warehouse")));
        StatefulSet kafka = BuiltinKafkaStatefulSetDependent.desired(
                run, run.getSpec().getBrokers().get(0));
        StatefulSet postgres = PostgresStatefulSetDependent.desired(
                run, run.getSpec().getDatabases().get(0));
        FakeContext context = new FakeContext(run, kafka, postgres);

        assertThat(new BuiltinKafkaStatefulSetDependent()
                        .getSecondaryResources(run, context)
                        .values())
                .containsExactly(kafka);
        assertThat(new PostgresStatefulSetDependent()
                        .getSecondaryResources(run, context)
                        .values())
                .containsExactly(postgres);
    }

    @Test
    void everyObjectIsInTheRunNamespaceWithRunLabels() {
        SitRun run = run("orders");
        StatefulSet kafka = BuiltinKafkaStatefulSetDependent.desired(run, broker("events", KafkaProvider.BUILTIN));
        assertThat(kafka.getMetadata().getNamespace())
                .isEqualTo(RunNames.namespace(run))
                .isNotEqualTo("team-a");
        assertThat(kafka.getMetadata().getLabels())
                .containsAllEntriesOf(RunNames.labels(run, "broker"))
                .containsEntry("sit.dataops.io/instance", "events");
    }
}
