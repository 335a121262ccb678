package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.RunSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowCleanupResult;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * A reconcile Context holding a fixed set of secondary resources (what the informers would have), like
 * JOSDK's own: {@link #getSecondaryResources(Class)} merges every object of the type, whatever dependent
 * made it. No client: Strimzi discovery then answers "not installed". It carries the operator's settings as the
 * reconciler hands them to dependents: the defaults unless {@link #withSettings} says otherwise.
 */
public class FakeContext implements Context<SitRun> {

    private final SitRun primary;
    private final List<Object> secondaries = new ArrayList<>();
    private KubernetesClient client;
    private final WorkflowContext workflowContext = new WorkflowContext();

    public FakeContext(SitRun primary, Object... secondaries) {
        this.primary = primary;
        this.secondaries.addAll(List.of(secondaries));
        RunSettings.defaults().storeIn(this);
    }

    /** The operator configured so (e.g. {@code RunSettings.of(Map.of("sit.placement.tolerations", "gpu"))}). */
    public FakeContext withSettings(RunSettings settings) {
        settings.storeIn(this);
        return this;
    }

    @Override
    public <R> Set<R> getSecondaryResources(Class<R> expectedType) {
        return secondaries.stream()
                .filter(expectedType::isInstance)
                .map(expectedType::cast)
                .collect(Collectors.toSet());
    }

    @Override
    public <R> Optional<R> getSecondaryResource(Class<R> expectedType, String eventSourceName) {
        return getSecondaryResources(expectedType).stream().findFirst();
    }

    /** With a (mock server) client, Strimzi discovery goes to it. */
    public FakeContext withClient(KubernetesClient client) {
        this.client = client;
        return this;
    }

    @Override
    public KubernetesClient getClient() {
        return client;
    }

    @Override
    public SitRun getPrimaryResource() {
        return primary;
    }

    @Override
    public Optional<RetryInfo> getRetryInfo() {
        return Optional.empty();
    }

    @Override
    public ControllerConfiguration<SitRun> getControllerConfiguration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ManagedWorkflowAndDependentResourceContext managedWorkflowAndDependentResourceContext() {
        return workflowContext;
    }

    /** The per-reconcile store only: no workflow runs here. */
    private static final class WorkflowContext implements ManagedWorkflowAndDependentResourceContext {

        private final Map<Object, Object> values = new ConcurrentHashMap<>();

        @Override
        public <T> Optional<T> get(Object key, Class<T> expectedType) {
            return Optional.ofNullable(values.get(key)).map(expectedType::cast);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T put(Object key, T value) {
            return (T) values.put(key, value);
        }

        @Override
        public <T> T getMandatory(Object key, Class<T> expectedType) {
            return get(key, expectedType).orElseThrow(() -> new IllegalStateException("no " + key + " in the context"));
        }

        @Override
        public Optional<WorkflowReconcileResult> getWorkflowReconcileResult() {
            return Optional.empty();
        }

        @Override
        public Optional<WorkflowCleanupResult> getWorkflowCleanupResult() {
            return Optional.empty();
        }

        @Override
        public WorkflowReconcileResult reconcileManagedWorkflow() {
            throw new UnsupportedOperationException();
        }

        @Override
        public WorkflowCleanupResult cleanupManageWorkflow() {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public EventSourceRetriever<SitRun> eventSourceRetriever() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecutorService getWorkflowExecutorService() {
        throw new UnsupportedOperationException();
    }

    @Override
    public IndexedResourceCache<SitRun> getPrimaryCache() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isNextReconciliationImminent() {
        return false;
    }

    @Override
    public boolean isPrimaryResourceDeleted() {
        return false;
    }

    @Override
    public boolean isPrimaryResourceFinalStateUnknown() {
        return false;
    }
}
