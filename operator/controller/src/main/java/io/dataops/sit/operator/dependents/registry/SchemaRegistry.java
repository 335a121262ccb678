package io.dataops.sit.operator.dependents.registry;

import io.dataops.sit.api.RunContract;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import java.util.Optional;

/** Connection facts of a run's Schema Registry (spec.schemaRegistry) that every pod and the status agree on. */
public final class SchemaRegistry {

    /** The Deployment's and the Service's name in the run namespace. */
    public static final String NAME = "sit-schema-registry";

    /** The API port, the Service's. */
    public static final int PORT = 8080;
    /** Apicurio's management port: the health checks (/health/ready), for the readiness probe only. */
    public static final int MANAGEMENT_PORT = 9000;

    private SchemaRegistry() {}

    /** Service host in the run namespace ({@code .svc}: completed by the pod's DNS search path). */
    public static String host(SitRun run) {
        return NAME + "." + RunNames.namespace(run) + ".svc";
    }

    /** What Confluent-style clients take as schema.registry.url, when the run asks for a registry. */
    public static Optional<String> url(SitRun run) {
        if (!run.getSpec().schemaRegistryEnabled()) {
            return Optional.empty();
        }
        return Optional.of("http://" + host(run) + ":" + PORT + RunContract.SCHEMA_REGISTRY_API_PATH);
    }
}
