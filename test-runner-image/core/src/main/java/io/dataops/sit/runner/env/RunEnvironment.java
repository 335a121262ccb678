package io.dataops.sit.runner.env;

import io.dataops.sit.api.v1alpha1.SitRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a runner or seed invocation needs to reach the run's environment, built either from the
 * injected environment variables and mounts (in a cluster) or by local mode after it started the
 * embedded servers. Steps and seeding only ever see this, never where it came from.
 *
 * @param sitRun        the SitRun being run (metadata.name and spec)
 * @param brokers       broker name to bootstrap servers
 * @param databases     database name to its connection
 * @param fixtures      how ConfigMap references are resolved
 * @param kubernetesNamespace the run's namespace when running in a cluster, empty locally
 * @param awsCredentialsFile  the STS credentials file when spec.aws is set
 * @param variables   the runner's environment variables, where steps read what spec.runner.env hands them (an
 *                    HTTP token from a Secret, a base URL): the pod's environment in a cluster, the shell's plus
 *                    spec.runner.env locally. Steps never print their values.
 * @param faults      how the fault steps stop and start the run's brokers, databases and systems
 */
public record RunEnvironment(
        SitRun sitRun,
        Map<String, String> brokers,
        Map<String, DatabaseConnection> databases,
        FixtureResolver fixtures,
        Optional<String> kubernetesNamespace,
        Optional<Path> awsCredentialsFile,
        Map<String, String> variables,
        Faults faults) {

    /** An environment where no fault can be injected. */
    public RunEnvironment(
            SitRun sitRun,
            Map<String, String> brokers,
            Map<String, DatabaseConnection> databases,
            FixtureResolver fixtures,
            Optional<String> kubernetesNamespace,
            Optional<Path> awsCredentialsFile,
            Map<String, String> variables) {
        this(
                sitRun,
                brokers,
                databases,
                fixtures,
                kubernetesNamespace,
                awsCredentialsFile,
                variables,
                Faults.unsupported("this environment has no way to stop its components"));
    }

    /** An environment whose variables are this process's own. */
    public RunEnvironment(
            SitRun sitRun,
            Map<String, String> brokers,
            Map<String, DatabaseConnection> databases,
            FixtureResolver fixtures,
            Optional<String> kubernetesNamespace,
            Optional<Path> awsCredentialsFile) {
        this(sitRun, brokers, databases, fixtures, kubernetesNamespace, awsCredentialsFile, System.getenv());
    }

    /** The same environment with the given way of injecting faults. */
    public RunEnvironment withFaults(Faults faults) {
        return new RunEnvironment(
                sitRun, brokers, databases, fixtures, kubernetesNamespace, awsCredentialsFile, variables, faults);
    }

    /** A runner variable, or empty when it is unset or blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** The bootstrap servers of the named broker, or of the only/first broker when name is null. */
    public String bootstrapServers(String broker) {
        if (broker != null) {
            String servers = brokers.get(broker);
            if (servers == null) {
                throw new IllegalArgumentException(
                        "no broker named '" + broker + "' in this run (known: " + brokers.keySet() + ")");
            }
            return servers;
        }
        return brokers.values().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("this SitRun declares no broker"));
    }

    public DatabaseConnection database(String name) {
        if (name == null) {
            return databases.values().stream()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("this SitRun declares no database"));
        }
        DatabaseConnection db = databases.get(name);
        if (db == null) {
            throw new IllegalArgumentException(
                    "no database named '" + name + "' in this run (known: " + databases.keySet() + ")");
        }
        return db;
    }
}
