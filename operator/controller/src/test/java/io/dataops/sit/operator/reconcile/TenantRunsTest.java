package io.dataops.sit.operator.reconcile;

import static org.awaitility.Awaitility.await;

import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.FeaturesSource;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;

/**
 * What the operator-level reconcile tests share: tenant namespaces on the mock API server, SitRuns applied there
 * as a tenant would, and polling for their phase.
 */
abstract class TenantRunsTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @Inject
    KubernetesClient client;

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions();
    }

    ClusterSimulator cluster() {
        return new ClusterSimulator(client);
    }

    /** A fresh tenant namespace; the API server's endpoints exist (the API-egress policy names them). */
    String emptyTenantNamespace(String prefix) {
        String ns = prefix + "-" + SEQ.incrementAndGet();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(ns)
                        .endMetadata()
                        .build())
                .create();
        cluster().apiServerEndpoints("10.96.0.10");
        return ns;
    }

    /** A fresh tenant namespace holding the ConfigMap {@code features} that {@link #apply} names. */
    String tenantNamespace(String prefix) {
        String ns = emptyTenantNamespace(prefix);
        client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("features")
                        .endMetadata()
                        .addToData("orders.feature", "Feature: orders\n")
                        .build())
                .create();
        return ns;
    }

    /** A SitRun whose runner reads the ConfigMap {@code features}, as customized. */
    SitRun apply(String namespace, String name, Consumer<SitRunSpec> customize) {
        SitRun run = new SitRun();
        run.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        SitRunSpec spec = new SitRunSpec();
        RunnerSpec runner = new RunnerSpec();
        runner.setFeatures(FeaturesSource.configMap("features"));
        spec.setRunner(runner);
        customize.accept(spec);
        run.setSpec(spec);
        return client.resource(run).create();
    }

    SitRun get(String namespace, String name) {
        return client.resources(SitRun.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    SitRun awaitPhase(String namespace, String name, Phase phase) {
        eventually().until(() -> get(namespace, name).getStatus().getPhase() == phase);
        return get(namespace, name);
    }
}
