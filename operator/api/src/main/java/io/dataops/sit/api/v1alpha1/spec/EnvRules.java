package io.dataops.sit.api.v1alpha1.spec;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.Arrays;
import java.util.List;

/**
 * CEL rules (and the lists they are built from) that keep a SitRun's environment variables from taking over
 * what the operator runs: the JVM and dynamic loader of the runner image, the runner's API and AWS identity,
 * and the variables of the run contract the operator injects. Rules use only {@code in} and
 * {@code startsWith}: their cost estimate stays bounded although the EnvVar schema (upstream) sets no maxLength
 * on names, where a regular expression would exceed the API server's CEL budget.
 */
public final class EnvRules {

    private EnvRules() {}

    /**
     * Exact names a runner env may not set. The JVM's option variables and the loader's would run a tenant's
     * agent or library inside the runner (which holds the run's API token and AWS credentials); PATH, JAVA_HOME
     * and CLASSPATH choose the code it runs; KUBECONFIG its API identity; the rest are the run contract
     * (RunContract, the runner's SIT_TAGS) which the operator sets from the spec.
     */
    public static final String RUNNER_FORBIDDEN_NAMES = "['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', "
            + "'JAVA_OPTS', 'JAVA_HOME', 'CLASSPATH', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'PATH', 'KUBECONFIG', "
            + "'SIT_RUN_NAME', 'SIT_RUN_NAMESPACE', 'SIT_RUN_FILE', 'SIT_CONFIGMAPS_DIR', 'SIT_TAGS', "
            + "'SIT_EVIDENCE_RECORDS', 'SIT_EVIDENCE_ROWS', 'KAFKA_BOOTSTRAP_SERVERS']";

    /**
     * Name prefixes a runner env may not use: KUBERNETES_ (the client's API server address, token and TLS
     * trust: the service-account token would go elsewhere), AWS_ (credentials and endpoints come only from
     * spec.aws), SIT_KAFKA_ and SIT_DB_ (injected connection settings).
     */
    public static final String RUNNER_FORBIDDEN_PREFIXES = "['KUBERNETES_', 'AWS_', 'SIT_KAFKA_', 'SIT_DB_']";

    public static final String RUNNER_ENV_RULE = "self.all(e, !(e.name in " + RUNNER_FORBIDDEN_NAMES + ") && " + "!"
            + RUNNER_FORBIDDEN_PREFIXES + ".exists(p, e.name.startsWith(p)))";

    public static final String RUNNER_ENV_MESSAGE = "runner.env may not set the JVM's or the loader's variables "
            + "(JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS, JAVA_OPTS, JAVA_HOME, CLASSPATH, LD_*, PATH), "
            + "KUBECONFIG, KUBERNETES_*, AWS_* (use spec.aws), nor the run contract's variables (SIT_RUN_NAME, "
            + "SIT_RUN_NAMESPACE, SIT_RUN_FILE, SIT_CONFIGMAPS_DIR, SIT_TAGS, SIT_EVIDENCE_RECORDS, SIT_EVIDENCE_ROWS, "
            + "KAFKA_BOOTSTRAP_SERVERS, SIT_KAFKA_*, "
            + "SIT_DB_*)";

    /**
     * valueFrom may not read the operator's own objects in the run namespace (sit-aws-credentials, sit-run,
     * sit-results): a system would otherwise get the run's AWS credentials that are only mounted into the runner.
     * Other references (the database Secret, copied ConfigMaps, fieldRef) only hold what the run is given anyway.
     */
    public static final String VALUE_FROM_RULE = "self.all(e, !has(e.valueFrom) || ("
            + "(!has(e.valueFrom.secretKeyRef) || !has(e.valueFrom.secretKeyRef.name) "
            + "|| !e.valueFrom.secretKeyRef.name.startsWith('" + Names.RESERVED_PREFIX + "')) && "
            + "(!has(e.valueFrom.configMapKeyRef) || !has(e.valueFrom.configMapKeyRef.name) "
            + "|| !e.valueFrom.configMapKeyRef.name.startsWith('" + Names.RESERVED_PREFIX + "'))))";

    public static final String VALUE_FROM_MESSAGE = "env valueFrom may not reference the operator's own objects "
            + "(names starting with " + Names.RESERVED_PREFIX + ")";

    /** An empty name is refused by the API server only when the pod is created; refuse it at the door. */
    public static final String NAME_RULE = "self.all(e, size(e.name) > 0)";

    public static final String NAME_MESSAGE = "env names may not be empty";

    /** A pod refuses a variable with both: the workload would never be created. */
    public static final String VALUE_OR_VALUE_FROM_RULE =
            "self.all(e, !has(e.valueFrom) || !has(e.value) || size(e.value) == 0)";

    public static final String VALUE_OR_VALUE_FROM_MESSAGE = "an env variable has a value or a valueFrom, not both";

    /** {@link #RUNNER_FORBIDDEN_NAMES} as a Java list, for the operator's own check of objects stored before the rule. */
    public static final List<String> RUNNER_FORBIDDEN_NAME_LIST = celList(RUNNER_FORBIDDEN_NAMES);
    /** {@link #RUNNER_FORBIDDEN_PREFIXES} as a Java list. */
    public static final List<String> RUNNER_FORBIDDEN_PREFIX_LIST = celList(RUNNER_FORBIDDEN_PREFIXES);

    /** Whether a runner env name is refused by {@link #RUNNER_ENV_RULE}. */
    public static boolean refusedForRunner(String name) {
        return name != null
                && (RUNNER_FORBIDDEN_NAME_LIST.contains(name)
                        || RUNNER_FORBIDDEN_PREFIX_LIST.stream().anyMatch(name::startsWith));
    }

    /** Whether a valueFrom is refused by {@link #VALUE_FROM_RULE}. */
    public static boolean refusedValueFrom(EnvVar e) {
        var from = e.getValueFrom();
        return from != null
                && (from.getSecretKeyRef() != null
                                && from.getSecretKeyRef().getName() != null
                                && from.getSecretKeyRef().getName().startsWith(Names.RESERVED_PREFIX)
                        || from.getConfigMapKeyRef() != null
                                && from.getConfigMapKeyRef().getName() != null
                                && from.getConfigMapKeyRef().getName().startsWith(Names.RESERVED_PREFIX));
    }

    /** "['A', 'B']" -> [A, B]: one source for the CEL rule and the Java check. */
    static List<String> celList(String cel) {
        return Arrays.stream(cel.substring(1, cel.length() - 1).split(","))
                .map(s -> s.strip().replace("'", ""))
                .toList();
    }

    /** Bounds the list (and with it the cost of the rules above). */
    public static final int MAX_ENV = 100;
}
