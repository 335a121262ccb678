package io.dataops.sit.operator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.dependents.FakeContext;
import io.dataops.sit.operator.dependents.TestRuns;
import io.dataops.sit.operator.dependents.postgres.PostgresSecretDependent;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import org.junit.jupiter.api.Test;

/** The database credentials are created in the run namespace with plain calls, once, and never regenerated. */
@EnableKubernetesMockClient(crud = true)
class PostgresSecretWithoutInformerTest {

    KubernetesClient client;

    @Test
    void createdOnceInTheRunNamespaceAndNeverRegenerated() {
        SitRun run = TestRuns.run("orders");
        run.getSpec().getDatabases().add(TestRuns.database("warehouse-eu"));
        String namespace = RunNames.namespace(run);
        String name = PostgresSecretDependent.getName("warehouse-eu");

        var first = new PostgresSecretDependent().reconcile(run, new FakeContext(run).withClient(client));
        assertThat(first.getResourceOperations()).containsValue(ReconcileResult.Operation.CREATED);
        Secret created = client.secrets().inNamespace(namespace).withName(name).get();
        assertThat(created.getData()).containsKey(PostgresSecretDependent.PASSWORD_KEY);

        var second = new PostgresSecretDependent().reconcile(run, new FakeContext(run).withClient(client));
        assertThat(second.getResourceOperations().values()).containsOnly(ReconcileResult.Operation.NONE);
        assertThat(client.secrets().inNamespace(namespace).withName(name).get().getData())
                .isEqualTo(created.getData());
    }

    @Test
    void aConcurrentCreateKeepsTheSecretAlreadyThere() {
        SitRun run = TestRuns.run("orders");
        run.getSpec().getDatabases().add(TestRuns.database("warehouse-eu"));
        Secret winner = PostgresSecretDependent.desired(
                run, run.getSpec().getDatabases().get(0), null);
        client.secrets().resource(winner).create();

        Secret loser = PostgresSecretDependent.desired(
                run, run.getSpec().getDatabases().get(0), null);
        Secret result = RunSecrets.create(new FakeContext(run).withClient(client), loser);

        assertThat(result.getData()).isEqualTo(winner.getData());
    }
}
