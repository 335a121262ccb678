package io.dataops.sit.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactItemStoreTest {

    /** As the API server sends a run's broker StatefulSet: the operator's Apply entry and the controller's status. */
    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: events-kafka
              namespace: %s
              resourceVersion: "%s"
              labels: {sit.dataops.io/component: broker}
              managedFields:
              - manager: sitrun
                operation: Apply
                apiVersion: apps/v1
                fieldsType: FieldsV1
                fieldsV1:
                  f:metadata: {f:labels: {f:sit.dataops.io/component: {}}}
                  f:spec:
                    f:replicas: {}
                    f:template:
                      f:spec:
                        f:containers:
                          k:{"name":"kafka"}:
                            .: {}
                            f:env:
                              k:{"name":"CLUSTER_ID"}: {.: {}, f:name: {}, f:value: {}}
                            f:image: {}
              - manager: kube-controller-manager
                operation: Update
                subresource: status
                apiVersion: apps/v1
                time: "2026-12-02T11:35:09Z"
                fieldsType: FieldsV1
                fieldsV1:
                  f:status: {f:availableReplicas: {}, f:readyReplicas: {}, f:replicas: {}}
            spec:
              replicas: 1
              serviceName: events-kafka
              selector: {matchLabels: {sit.dataops.io/component: broker}}
              template:
                metadata: {labels: {sit.dataops.io/component: broker}}
                spec:
                  containers:
                  - name: kafka
                    image: apache/kafka:4.1.1
                    env: [{name: CLUSTER_ID, value: abc}]
            status: {replicas: 1, readyReplicas: 1, availableReplicas: 1}
            """;

    private static StatefulSet brokerOf(String namespace, String resourceVersion) {
        return Serialization.unmarshal(STATEFUL_SET.formatted(namespace, resourceVersion), StatefulSet.class);
    }

    @Test
    void keepsTheOperatorsApplyEntryAsSentAndDropsUpdateEntries() {
        var store = new CompactItemStore<StatefulSet>();
        var original = brokerOf("sit-run-a", "41");
        FieldsV1 appliedAsSent = Serialization.clone(
                original.getMetadata().getManagedFields().get(0).getFieldsV1());

        store.put(Cache.metaNamespaceKeyFunc(original), original);
        StatefulSet cached = store.get("sit-run-a/events-kafka");

        assertThat(cached.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
                .containsExactly(tuple("sitrun", "Apply"));
        // The matcher reads this field set; it must say exactly what the API server said.
        assertThat(cached.getMetadata().getManagedFields().get(0).getFieldsV1()).isEqualTo(appliedAsSent);
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("41");
        assertThat(cached.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(cached.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("apache/kafka:4.1.1");
    }

    @Test
    void equalFieldSetsOfDifferentRunsAreOneInstanceAndCannotBeChanged() {
        var store = new CompactItemStore<StatefulSet>();
        var first = brokerOf("sit-run-a", "41");
        var second = brokerOf("sit-run-b", "57");
        store.put(Cache.metaNamespaceKeyFunc(first), first);
        store.put(Cache.metaNamespaceKeyFunc(second), second);

        FieldsV1 a = store.get("sit-run-a/events-kafka")
                .getMetadata()
                .getManagedFields()
                .get(0)
                .getFieldsV1();
        FieldsV1 b = store.get("sit-run-b/events-kafka")
                .getMetadata()
                .getManagedFields()
                .get(0)
                .getFieldsV1();
        assertThat(a).isSameAs(b);
        // Shared between runs, so no reader may change it in place.
        assertThatThrownBy(() -> a.getAdditionalProperties().put("f:spec", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        var spec = (Map<String, Object>) a.getAdditionalProperties().get("f:spec");
        assertThatThrownBy(() -> spec.remove("f:replicas")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void objectsWithoutManagedFieldsAreCachedUnchanged() {
        var store = new CompactItemStore<StatefulSet>();
        var plain = brokerOf("sit-run-c", "7");
        plain.getMetadata().setManagedFields(null);
        store.put(Cache.metaNamespaceKeyFunc(plain), plain);
        assertThat(store.get("sit-run-c/events-kafka").getMetadata().getManagedFields())
                .isNull();
    }

    @Test
    void aFieldSetNoCacheUsesAnyMoreIsForgotten() {
        var interner = new CompactItemStore.Interner<String>();
        // new String: a fresh instance only this test references
        String value = new String("field-set");
        assertThat(interner.intern(value)).isSameAs(value);
        assertThat(interner.size()).isEqualTo(1);
        value = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (interner.size() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        assertThat(interner.size()).isZero();
    }
}
