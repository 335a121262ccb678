package io.dataops.sit.api.v1alpha1.spec;

/** Patterns and bounds shared by the model's validation annotations. */
public final class Names {

    private Names() {}

    /** RFC 1123 label, as Kubernetes object names in a namespace. */
    public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    /** Broker, database and system names become parts of object names (e.g. "&lt;name&gt;-kafka-0"), so they stay short. */
    public static final int COMPONENT_NAME_MAX = 40;
    /** Kafka's own rule for topic names. */
    public static final String TOPIC_PATTERN = "^[a-zA-Z0-9._-]{1,249}$";
    /** PostgreSQL identifier, optionally schema-qualified. */
    public static final String SQL_TABLE_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$";

    public static final String SQL_COLUMN_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";
    /** ConfigMap names and keys. */
    public static final String DNS_SUBDOMAIN_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

    public static final String CONFIGMAP_KEY_PATTERN = "^[-._a-zA-Z0-9]+$";
    /**
     * Names the operator uses for its own objects in a run namespace (sit-run, sit-results, sit-runner,
     * sit-aws-credentials...). A referenced ConfigMap is copied there under its own name, so a reference may
     * not start with it: the copy would replace the operator's object.
     */
    public static final String RESERVED_PREFIX = "sit-";
    /**
     * Also refused: the CA bundles Kubernetes (and OpenShift) publish into every namespace, which the runner's
     * projected service-account volume reads; a copy would replace the CA the runner trusts.
     */
    public static final String NOT_RESERVED_RULE = "!self.name.startsWith('" + RESERVED_PREFIX + "') && "
            + "!(self.name in ['kube-root-ca.crt', 'openshift-service-ca.crt'])";

    public static final String NOT_RESERVED_MESSAGE = "ConfigMap names starting with " + RESERVED_PREFIX
            + " are reserved for the operator's own objects in the run namespace, and kube-root-ca.crt and "
            + "openshift-service-ca.crt for the cluster's";
    /** A container image reference: no spaces or control characters, registry/path[:tag][@digest]. */
    public static final String IMAGE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$";
}
