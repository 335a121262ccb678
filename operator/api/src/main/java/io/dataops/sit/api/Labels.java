package io.dataops.sit.api;

/** Label and annotation keys that tie every created object to its SitRun. */
public final class Labels {

    private Labels() {}

    public static final String GROUP = "sit.dataops.io";

    /** Name of the SitRun that owns the object. */
    public static final String RUN = GROUP + "/run";
    /** Namespace of the SitRun that owns the object (the run itself lives in another namespace). */
    public static final String RUN_NAMESPACE = GROUP + "/run-namespace";
    /** What part of the environment the object is: namespace, broker, database, seed, system, runner, aws. */
    public static final String COMPONENT = GROUP + "/component";
    /** The spec entry (broker, database or system name) the object was built for. */
    public static final String INSTANCE = GROUP + "/instance";

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "sit-operator";
    public static final String PART_OF = "app.kubernetes.io/part-of";
}
