package io.dataops.sit.operator;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns the sit.* configuration into checked settings once per start; a bad value fails start-up with a message naming
 * the property (the reconciler, created at start, needs them).
 */
public class SettingsProducer {

    @Produces
    @Singleton
    RunSettings runSettings(
            SitConfig config, @ConfigProperty(name = "KUBERNETES_NAMESPACE") Optional<String> kubernetesNamespace) {
        return RunSettings.from(config, kubernetesNamespace);
    }

    @Produces
    @Singleton
    OperatorSettings.Sweep sweep(SitConfig config) {
        return OperatorSettings.Sweep.from(config);
    }

    @Produces
    @Singleton
    OperatorSettings.OperatorIdentity operatorIdentity(RunSettings settings) {
        return settings.identity();
    }
}
