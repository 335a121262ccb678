package io.dataops.sit.operator;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the operator's configuration says about how a run is built: what the reconciler is given (constructor
 * injection) and hands to the dependents through the reconcile context ({@link #storeIn}, {@link #of(Context)}), so no
 * dependent reads configuration on its own.
 */
public record RunSettings(
        OperatorSettings operator,
        OperatorSettings.SecretsFence secrets,
        OperatorSettings.Evidence evidence,
        OperatorSettings.Concurrency concurrency,
        OperatorSettings.OperatorIdentity identity,
        String schemaRegistryImage) {

    private static final String CONTEXT_KEY = RunSettings.class.getName();

    /** @param kubernetesNamespace KUBERNETES_NAMESPACE: the operator's own namespace unless sit.operator.namespace says */
    public static RunSettings from(SitConfig config, Optional<String> kubernetesNamespace) {
        var identity = OperatorSettings.OperatorIdentity.from(config, kubernetesNamespace);
        return new RunSettings(
                OperatorSettings.from(config),
                OperatorSettings.SecretsFence.from(config, identity.namespace()),
                OperatorSettings.Evidence.from(config),
                OperatorSettings.Concurrency.from(config),
                identity,
                config.schemaRegistry().image());
    }

    /** Settings from these sit.* properties over the defaults, as if the operator ran in sit-system (tests). */
    public static RunSettings of(Map<String, String> properties) {
        return from(SitConfig.of(properties), Optional.empty());
    }

    /** The defaults, as if the operator ran in sit-system (tests). */
    public static RunSettings defaults() {
        return of(Map.of());
    }

    /** These settings with others for the main record (tests). */
    public RunSettings with(OperatorSettings settings) {
        return new RunSettings(settings, secrets, evidence, concurrency, identity, schemaRegistryImage);
    }

    /** Makes these settings what the dependents of this reconcile read; before the workflow runs or cleans up. */
    public void storeIn(Context<?> context) {
        context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, this);
    }

    /** What the reconciler stored for this reconcile; a dependent reconciled without it is a bug, not a default. */
    public static RunSettings of(Context<?> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(CONTEXT_KEY, RunSettings.class);
    }
}
