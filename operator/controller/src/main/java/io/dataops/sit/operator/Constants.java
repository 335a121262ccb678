package io.dataops.sit.operator;

import io.dataops.sit.api.Labels;

/** One place for component names, object names and the label selectors the informers use. */
public final class Constants {

    private Constants() {}

    // Components (value of Labels.COMPONENT) of the objects this module creates.
    public static final String COMPONENT_NAMESPACE = "namespace";
    public static final String COMPONENT_ISOLATION = "isolation";
    public static final String COMPONENT_CONFIGMAP_COPY = "configmap-copy";
    public static final String COMPONENT_RUN_SPEC = "run-spec";
    public static final String COMPONENT_RESULTS = "results";
    /** sit-reports: its own component, so its informer never mixes it with sit-results. */
    public static final String COMPONENT_REPORTS = "reports";

    public static final String COMPONENT_RUNNER = "runner";
    public static final String COMPONENT_BROKER = "broker";
    public static final String COMPONENT_DATABASE = "database";
    public static final String COMPONENT_SEED = "seed";
    public static final String COMPONENT_SYSTEM = "system";
    public static final String COMPONENT_SCHEMA_REGISTRY = "schema-registry";
    public static final String COMPONENT_OPERATOR_ACCESS = "operator-access";

    /** Every informer selects on this, so the operator never caches objects it did not create. */
    public static final String MANAGED_SELECTOR = Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE;

    public static final String NAMESPACE_SELECTOR =
            MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_NAMESPACE;
    public static final String ISOLATION_SELECTOR =
            MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_ISOLATION;
    public static final String CONFIGMAP_COPY_SELECTOR =
            MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_CONFIGMAP_COPY;
    public static final String RUN_SPEC_SELECTOR = MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_RUN_SPEC;
    public static final String RESULTS_SELECTOR = MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_RESULTS;
    public static final String REPORTS_SELECTOR = MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_REPORTS;
    public static final String RUNNER_SELECTOR = MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_RUNNER;
    public static final String BROKER_SELECTOR = MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_BROKER;
    public static final String DATABASE_SELECTOR = MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_DATABASE;
    public static final String SEED_SELECTOR = MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_SEED;
    public static final String SYSTEM_SELECTOR = MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_SYSTEM;
    public static final String SCHEMA_REGISTRY_SELECTOR =
            MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_SCHEMA_REGISTRY;
    public static final String OPERATOR_ACCESS_SELECTOR =
            MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + COMPONENT_OPERATOR_ACCESS;

    /**
     * Pod label of the pods that may reach the API server (runner, seed Jobs, Strimzi's entity operator); the
     * API-egress NetworkPolicy selects on it. Never on a system under test.
     */
    public static final String LABEL_API_ACCESS = "sit.dataops.io/api-access";

    // Object names inside the run namespace.
    public static final String NETWORK_POLICY_NAME = "sit-isolation";
    public static final String RESOURCE_QUOTA_NAME = "sit-quota";
    public static final String LIMIT_RANGE_NAME = "sit-limits";
    public static final String RUNNER_JOB_NAME = "sit-runner";
    public static final String RUNNER_ROLE_NAME = "sit-runner";
    public static final String RUNNER_CONTAINER = "runner";
    /** The operator's RoleBinding in each run namespace, and the ClusterRole it binds (deploy/operator.yaml). */
    public static final String OPERATOR_ROLE_BINDING_NAME = "sit-operator";

    public static final String RUN_NAMESPACE_CLUSTER_ROLE = "sit-operator-run-namespace";

    // Workflow dependent names (dependsOn refers to these).
    public static final String DEP_NAMESPACE = "namespace";
    public static final String DEP_OPERATOR_ACCESS = "operator-access";
    public static final String DEP_NETWORK_POLICY = "network-policy";
    public static final String DEP_API_EGRESS = "api-egress";
    public static final String DEP_EGRESS = "egress";
    public static final String DEP_EXTERNAL_EGRESS = "external-egress";
    public static final String DEP_QUOTA = "resource-quota";
    public static final String DEP_LIMIT_RANGE = "limit-range";
    public static final String DEP_CONFIGMAP_COPIES = "configmap-copies";
    public static final String DEP_RUN_SPEC = "run-spec";
    public static final String DEP_RESULTS = "results";
    public static final String DEP_REPORTS = "reports";
    public static final String DEP_RUNNER_SA = "runner-service-account";
    public static final String DEP_RUNNER_ROLE = "runner-role";
    public static final String DEP_RUNNER_ROLE_BINDING = "runner-role-binding";
    public static final String DEP_RUNNER_JOB = "runner-job";
    public static final String DEP_AWS_CREDENTIALS = "aws-credentials";
    public static final String DEP_BUILTIN_KAFKA = "builtin-kafka";
    public static final String DEP_BUILTIN_KAFKA_SERVICE = "builtin-kafka-service";
    public static final String DEP_BUILTIN_KAFKA_TOPICS = "builtin-kafka-topics";
    public static final String DEP_STRIMZI_KAFKA = "strimzi-kafka";
    public static final String DEP_STRIMZI_NODE_POOL = "strimzi-node-pool";
    public static final String DEP_STRIMZI_TOPICS = "strimzi-topics";
    public static final String DEP_POSTGRES_SECRET = "postgres-secret";
    public static final String DEP_POSTGRES_SERVICE = "postgres-service";
    public static final String DEP_POSTGRES = "postgres";
    public static final String DEP_SEED_JOBS = "seed-jobs";
    public static final String DEP_SYSTEM_SERVICES = "system-services";
    public static final String DEP_SYSTEMS = "systems";
    public static final String DEP_SCHEMA_REGISTRY_SERVICE = "schema-registry-service";
    public static final String DEP_SCHEMA_REGISTRY = "schema-registry";

    public static final String FINALIZER = "sitruns.sit.dataops.io/finalizer";
}
