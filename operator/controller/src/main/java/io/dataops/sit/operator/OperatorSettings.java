package io.dataops.sit.operator;

import io.dataops.sit.api.evidence.Artifacts;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.fence.ImagePolicy;
import io.dataops.sit.operator.fence.NamespaceLabels;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Operator-wide defaults (application.properties, env, -D), parsed and checked from {@link SitConfig} by
 * {@link #from}. A plain record so the status aggregator and dependents stay testable without a running Quarkus;
 * the running operator hands it around inside {@link RunSettings}.
 */
public record OperatorSettings(
        String runnerImage,
        Duration defaultTimeout,
        Duration provisioningTimeout,
        Duration seedingTimeout,
        Duration imagePullGrace,
        Duration pollInterval,
        Duration keepOnFailureFor,
        Duration maxKeep,
        Map<String, Quantity> quota,
        Map<String, Quantity> defaultRequest,
        Map<String, Quantity> defaultLimit,
        String podSecurityLevel,
        List<DnsPeer> dnsPeers,
        Map<String, String> defaultNodeSelector,
        List<Toleration> defaultTolerations,
        Duration podCreationGrace,
        boolean strimziWatchesAllNamespaces,
        IsolationFence isolationFence,
        WorkloadFence workloadFence) {

    /** The run's runner image (spec.runner.image), else the operator's (sit.runner.image): for the runner and seed Jobs. */
    public String runnerImage(SitRun run) {
        var runner = run.getSpec().getRunner();
        return runner != null && runner.getImage() != null ? runner.getImage() : runnerImage;
    }

    /** These settings with another default placement (tests, and what sit.placement.* configures). */
    public OperatorSettings withDefaultPlacement(Map<String, String> nodeSelector, List<Toleration> tolerations) {
        return new OperatorSettings(
                runnerImage,
                defaultTimeout,
                provisioningTimeout,
                seedingTimeout,
                imagePullGrace,
                pollInterval,
                keepOnFailureFor,
                maxKeep,
                quota,
                defaultRequest,
                defaultLimit,
                podSecurityLevel,
                dnsPeers,
                nodeSelector,
                tolerations,
                podCreationGrace,
                strimziWatchesAllNamespaces,
                isolationFence,
                workloadFence);
    }

    /** These settings with another isolation fence (tests). */
    public OperatorSettings withIsolationFence(IsolationFence fence) {
        return new OperatorSettings(
                runnerImage,
                defaultTimeout,
                provisioningTimeout,
                seedingTimeout,
                imagePullGrace,
                pollInterval,
                keepOnFailureFor,
                maxKeep,
                quota,
                defaultRequest,
                defaultLimit,
                podSecurityLevel,
                dnsPeers,
                defaultNodeSelector,
                defaultTolerations,
                podCreationGrace,
                strimziWatchesAllNamespaces,
                fence.validFor(this),
                workloadFence);
    }

    /**
     * The admin's bounds on what a SitRun may ask of its isolation (the tenant can only tighten them): quota caps
     * (sit.isolation.quota-max), the per-container maximum (sit.isolation.max-limit), the longest timeout
     * (sit.timeout.max), whether networkPolicy may be switched off (sit.isolation.allow-network-policy-off) and the
     * blocks an isolation.egress entry must lie in (sit.isolation.egress.allowed), and the existing brokers and
     * databases a run may use as external ones (sit.isolation.external.allowed).
     */
    public record IsolationFence(
            Map<String, Quantity> quotaMax,
            Map<String, Quantity> maxLimit,
            Duration timeoutMax,
            boolean allowNetworkPolicyOff,
            List<Cidr> egressAllowed,
            List<ExternalEndpoint> externalAllowed) {

        /** Without external endpoints (none allowed). */
        public IsolationFence(
                Map<String, Quantity> quotaMax,
                Map<String, Quantity> maxLimit,
                Duration timeoutMax,
                boolean allowNetworkPolicyOff,
                List<Cidr> egressAllowed) {
            this(quotaMax, maxLimit, timeoutMax, allowNetworkPolicyOff, egressAllowed, List.of());
        }

        /** The instance metadata endpoints (AWS, and the IPv4 one of GCP/Azure): never reachable from a run. */
        public static final List<Cidr> INSTANCE_METADATA =
                List.of(Cidr.parse("169.254.169.254/32"), Cidr.parse("fd00:ec2::254/128"));

        static IsolationFence defaults(Map<String, Quantity> quota) {
            return new IsolationFence(quota, quantities("cpu=4,memory=8Gi"), Duration.ofHours(2), false, List.of());
        }

        /** "10.20.0.0/16,2001:db8::/32" -> blocks; a block that is only a metadata endpoint is refused. */
        public static List<Cidr> egressBlocks(String spec) {
            List<Cidr> blocks = new ArrayList<>();
            for (String entry : spec.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                Cidr cidr;
                try {
                    cidr = Cidr.parse(entry);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("sit.isolation.egress.allowed: " + e.getMessage());
                }
                if (INSTANCE_METADATA.contains(cidr)) {
                    throw new IllegalArgumentException("sit.isolation.egress.allowed: " + cidr
                            + " is an instance metadata endpoint, which a run may never reach");
                }
                blocks.add(cidr);
            }
            return List.copyOf(blocks);
        }

        /** Refuses operator defaults that break the admin's own bounds (a misconfiguration must be loud). */
        IsolationFence validFor(OperatorSettings s) {
            s.quota().forEach((key, value) -> {
                Quantity cap = quotaMax.get(key);
                if (cap != null && value.getNumericalAmount().compareTo(cap.getNumericalAmount()) > 0) {
                    throw new IllegalArgumentException("sit.isolation.quota " + key + "=" + value
                            + " is above sit.isolation.quota-max " + key + "=" + cap);
                }
            });
            for (var defaults : List.of(
                    Map.entry("sit.isolation.default-request", s.defaultRequest()),
                    Map.entry("sit.isolation.default-limit", s.defaultLimit()))) {
                defaults.getValue().forEach((key, value) -> {
                    Quantity max = maxLimit.get(key);
                    if (max != null && value.getNumericalAmount().compareTo(max.getNumericalAmount()) > 0) {
                        throw new IllegalArgumentException(defaults.getKey() + " " + key + "=" + value
                                + " is above sit.isolation.max-limit " + key + "=" + max);
                    }
                });
            }
            maxLimit.keySet().stream()
                    .filter(key -> !s.defaultLimit().containsKey(key))
                    .findFirst()
                    .ifPresent(key -> {
                        // A container without that limit would be refused by the LimitRange: the default must fill it
                        // in.
                        throw new IllegalArgumentException("sit.isolation.max-limit names " + key
                                + ", which sit.isolation.default-limit must then name too");
                    });
            if (s.defaultTimeout().compareTo(timeoutMax) > 0) {
                throw new IllegalArgumentException("sit.timeout.default " + GoDuration.format(s.defaultTimeout())
                        + " is above sit.timeout.max " + GoDuration.format(timeoutMax));
            }
            for (DnsPeer peer : s.dnsPeers()) {
                if (peer.cidr() != null && INSTANCE_METADATA.contains(Cidr.parse(peer.cidr()))) {
                    throw new IllegalArgumentException("sit.network.dns.peers: " + peer.cidr()
                            + " is an instance metadata endpoint, which a run may never reach");
                }
            }
            return this;
        }
    }

    /** These settings with another workload fence (tests, and what sit.images.* / sit.references.* configure). */
    public OperatorSettings withWorkloadFence(WorkloadFence fence) {
        return new OperatorSettings(
                runnerImage,
                defaultTimeout,
                provisioningTimeout,
                seedingTimeout,
                imagePullGrace,
                pollInterval,
                keepOnFailureFor,
                maxKeep,
                quota,
                defaultRequest,
                defaultLimit,
                podSecurityLevel,
                dnsPeers,
                defaultNodeSelector,
                defaultTolerations,
                podCreationGrace,
                strimziWatchesAllNamespaces,
                isolationFence,
                fence);
    }

    /** "disktype=ssd,zone=a" -> map. */
    public static Map<String, String> nodeSelector(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException(
                        "sit.placement.node-selector: expected key=value, not '" + entry + "'");
            }
            map.put(kv[0].trim(), kv[1].trim());
        }
        return map;
    }

    /**
     * Tolerations in kubectl's taint syntax, comma-separated: {@code key=value:Effect} (operator Equal),
     * {@code key:Effect} or {@code key} (operator Exists), {@code key=value} (Equal, every effect).
     */
    public static List<Toleration> tolerations(String spec) {
        List<Toleration> out = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String t = entry.trim();
            if (t.isEmpty()) {
                continue;
            }
            String effect = null;
            int colon = t.lastIndexOf(':');
            if (colon >= 0) {
                effect = t.substring(colon + 1).trim();
                t = t.substring(0, colon).trim();
                if (!Set.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
                    throw new IllegalArgumentException("sit.placement.tolerations: unknown effect in '" + entry + "'");
                }
            }
            String[] kv = t.split("=", 2);
            if (kv[0].isBlank()) {
                throw new IllegalArgumentException("sit.placement.tolerations: a key is needed in '" + entry + "'");
            }
            out.add(
                    kv.length == 2
                            ? new Toleration(effect, kv[0].trim(), "Equal", null, kv[1].trim())
                            : new Toleration(effect, kv[0].trim(), "Exists", null, null));
        }
        return out;
    }

    /**
     * Where the run's pods may send DNS queries (UDP and TCP, on {@code port}): the pods of a namespace
     * ({@code namespace}, matched by its kubernetes.io/metadata.name label) or an address block ({@code cidr}).
     */
    public record DnsPeer(String namespace, String cidr, int port) {

        /** {@code namespace:<name>[@port]} or {@code cidr:<block>[@port]}; port 53 when omitted. */
        public static DnsPeer parse(String text) {
            String t = text.trim();
            int at = t.lastIndexOf('@');
            int port = 53;
            if (at > 0) {
                port = Integer.parseInt(t.substring(at + 1).trim());
                t = t.substring(0, at).trim();
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("sit.network.dns.peers: port out of range in '" + text + "'");
            }
            if (t.startsWith("namespace:") && t.length() > "namespace:".length()) {
                return new DnsPeer(t.substring("namespace:".length()).trim(), null, port);
            }
            if (t.startsWith("cidr:") && t.contains("/")) {
                return new DnsPeer(null, t.substring("cidr:".length()).trim(), port);
            }
            throw new IllegalArgumentException("sit.network.dns.peers: expected namespace:<name>[@port] or "
                    + "cidr:<address>/<bits>[@port], not '" + text + "'");
        }
    }

    /**
     * Who the operator is, for the RoleBinding it creates in each run namespace (its write access there):
     * {@code sit.operator.service-account} in {@code sit.operator.namespace}. Read on its own so the fence's RBAC
     * does not widen the main record.
     */
    public record OperatorIdentity(String serviceAccount, String namespace) {

        public static final OperatorIdentity DEFAULT = new OperatorIdentity("sit-operator", "sit-system");

        /** @param kubernetesNamespace KUBERNETES_NAMESPACE (the Downward API), used when sit.operator.namespace is unset */
        public static OperatorIdentity from(SitConfig c, Optional<String> kubernetesNamespace) {
            return new OperatorIdentity(
                    c.operator().serviceAccount(),
                    c.operator()
                            .namespace()
                            .or(() -> kubernetesNamespace.filter(s -> !s.isBlank()))
                            .orElse(DEFAULT.namespace()));
        }
    }

    public static List<DnsPeer> dnsPeers(String spec) {
        return Arrays.stream(spec.split(","))
                .filter(s -> !s.isBlank())
                .map(DnsPeer::parse)
                .toList();
    }

    /**
     * The admin's fence around AWS credentials and tenant Secrets (sit.aws.*, sit.masking.*): read on its own so
     * the record above keeps its shape. Tenants can only tighten it.
     *
     * @param rolesNamespace namespace of the role-mapping ConfigMap (the operator's own namespace)
     * @param rolesConfigMap name of the ConfigMap mapping tenant namespaces to the role ARNs they may assume
     * @param clusterName first part of the ExternalId the operator sends ({@code <clusterName>:<tenant namespace>})
     * @param systemsMayUseAws whether a system may opt in to the run's AWS credentials ({@code systems[].aws})
     * @param maskKeyRequired whether a run that masks CSV columns without {@code masking.keySecretRef} is refused
     *        (false: it runs with the public default key and gets a warning condition and event)
     */
    public record SecretsFence(
            String rolesNamespace,
            String rolesConfigMap,
            String clusterName,
            boolean systemsMayUseAws,
            boolean maskKeyRequired) {

        static final Pattern CLUSTER_NAME = Pattern.compile("^[\\w+=,.@-]{1,64}$");

        public SecretsFence {
            if (!CLUSTER_NAME.matcher(clusterName).matches()) {
                throw new IllegalArgumentException(
                        "sit.aws.cluster-name must be 1-64 characters of [A-Za-z0-9_+=,.@-], not '" + clusterName
                                + "'");
            }
        }

        public static SecretsFence defaults() {
            String namespace = System.getenv("KUBERNETES_NAMESPACE");
            return new SecretsFence(
                    namespace == null || namespace.isBlank() ? "sit-system" : namespace,
                    "sit-aws-roles",
                    "sit",
                    true,
                    false);
        }

        /** @param operatorNamespace where the roles ConfigMap lives unless sit.aws.roles-namespace says otherwise */
        public static SecretsFence from(SitConfig c, String operatorNamespace) {
            return new SecretsFence(
                    c.aws().rolesNamespace().filter(s -> !s.isBlank()).orElse(operatorNamespace),
                    c.aws().rolesConfigMap(),
                    c.aws().clusterName(),
                    c.aws().systemsMayOptIn(),
                    c.masking().requireKey());
        }
    }

    /**
     * Bounds of what a run leaves behind (sit.evidence.*): the evidence bundle's compressed size (at most
     * {@link io.dataops.sit.api.evidence.Artifacts#MAX_EVIDENCE_BYTES}, a ConfigMap's limit with room for metadata),
     * the log bytes kept per container, and the records per topic and rows per table the runner samples. Read on its
     * own, like {@link SecretsFence}, so the main record keeps its shape.
     */
    public record Evidence(int maxBytes, int logBytesPerContainer, int sampleRecords, int sampleRows) {

        public static final Evidence DEFAULTS = from(SitConfig.of(Map.of()));

        public Evidence {
            if (maxBytes < 16 * 1024 || maxBytes > Artifacts.MAX_EVIDENCE_BYTES) {
                throw new IllegalArgumentException("sit.evidence.max-bytes must be between 16384 and "
                        + Artifacts.MAX_EVIDENCE_BYTES + ", not " + maxBytes);
            }
            if (logBytesPerContainer < 1024) {
                throw new IllegalArgumentException(
                        "sit.evidence.log-bytes-per-container must be at least 1024, not " + logBytesPerContainer);
            }
            if (sampleRecords < 0 || sampleRows < 0) {
                throw new IllegalArgumentException(
                        "sit.evidence.sample-records and sit.evidence.sample-rows must not " + "be negative");
            }
        }

        public static Evidence from(SitConfig c) {
            return new Evidence(
                    c.evidence().maxBytes(),
                    c.evidence().logBytesPerContainer(),
                    c.evidence().sampleRecords(),
                    c.evidence().sampleRows());
        }
    }

    /**
     * How many runs may be active at once and how many finished runs a concurrency group keeps (sit.concurrency.*,
     * sit.history.*). Read on its own, like {@link SecretsFence}, so the main record keeps its shape. A SitRun cannot
     * raise any of these: its spec.concurrency.historyLimit only lowers the history bound.
     *
     * @param maxActive                 sit.concurrency.max-active: active runs operator-wide; 0 = no limit
     * @param maxActivePerNamespace     sit.concurrency.max-active-per-namespace: active runs per SitRun namespace;
     *                                  0 = no limit
     * @param historyMaxFinishedPerGroup sit.history.max-finished-per-group: finished SitRuns kept per namespace and
     *                                  concurrency group (the newest); 0 = no operator bound
     */
    public record Concurrency(int maxActive, int maxActivePerNamespace, int historyMaxFinishedPerGroup) {

        public static final Concurrency DEFAULTS = from(SitConfig.of(Map.of()));

        public Concurrency {
            if (maxActive < 0 || maxActivePerNamespace < 0 || historyMaxFinishedPerGroup < 0) {
                throw new IllegalArgumentException(
                        "sit.concurrency.max-active, sit.concurrency.max-active-per-namespace "
                                + "and sit.history.max-finished-per-group must not be negative");
            }
        }

        /** Whether any run may have to wait for a slot (groups aside). */
        public boolean limited() {
            return maxActive > 0 || maxActivePerNamespace > 0;
        }

        public static Concurrency from(SitConfig c) {
            return new Concurrency(
                    c.concurrency().maxActive(),
                    c.concurrency().maxActivePerNamespace(),
                    c.history().maxFinishedPerGroup());
        }
    }

    /**
     * The orphan sweep (cleanup.OrphanSweep, sit.sweep.*): how long a run namespace whose SitRun is gone is kept before
     * it is deleted, how often the sweep looks, and after how long in Terminating a run namespace is reported as stuck.
     * Read on its own, like {@link Evidence}, so the main record keeps its shape.
     */
    public record Sweep(Duration grace, Duration interval, Duration stuckTerminatingAfter) {

        public static final Sweep DEFAULTS = from(SitConfig.of(Map.of()));

        public Sweep {
            if (grace.isNegative()
                    || interval.isZero()
                    || interval.isNegative()
                    || stuckTerminatingAfter.isNegative()) {
                throw new IllegalArgumentException("sit.sweep.grace and sit.sweep.stuck-terminating-after must not be "
                        + "negative and sit.sweep.interval must be positive");
            }
        }

        public static Sweep from(SitConfig c) {
            return new Sweep(
                    duration("sit.sweep.grace", c.sweep().grace()),
                    duration("sit.sweep.interval", c.sweep().interval()),
                    duration("sit.sweep.stuck-terminating-after", c.sweep().stuckTerminatingAfter()));
        }
    }

    public static final String DEFAULT_RUNNER_IMAGE = "ghcr.io/dataops-sit/sit-runner:0.1.0";
    /** Apicurio Registry's distribution (test-runner-image/schema-registry) as e2e/images builds it. */
    public static final String DEFAULT_SCHEMA_REGISTRY_IMAGE = "ghcr.io/dataops-sit/sit-schema-registry:3.3.3";

    /** sit.isolation.quota's default, which sit.isolation.quota-max also defaults to. */
    public static final String DEFAULT_QUOTA =
            "pods=50,requests.cpu=8,requests.memory=16Gi,limits.cpu=16,limits.memory=32Gi";

    /** The settings of an operator configured with nothing but the defaults of {@link SitConfig} (tests). */
    public static OperatorSettings defaults() {
        return Defaults.SETTINGS;
    }

    /** Built on first use, after this class's own constants (and never by a configured operator). */
    private static final class Defaults {
        static final OperatorSettings SETTINGS = from(SitConfig.of(Map.of()));
    }

    /** Pod Security Standards levels the run namespaces may be labelled with. */
    static final Set<String> POD_SECURITY_LEVELS = Set.of("privileged", "baseline", "restricted");

    /** Parses and checks sit.*: a value that is malformed or breaks the admin's own bounds stops the operator. */
    public static OperatorSettings from(SitConfig c) {
        Map<String, Quantity> quota = quantities(c.isolation().quota());
        OperatorSettings read = new OperatorSettings(
                c.runner().image(),
                duration("sit.timeout.default", c.timeout().defaultTimeout()),
                duration("sit.timeout.provisioning", c.timeout().provisioning()),
                duration("sit.timeout.seeding", c.timeout().seeding()),
                duration("sit.image-pull-grace", c.imagePullGrace()),
                duration("sit.poll-interval", c.pollInterval()),
                duration("sit.cleanup.keep-on-failure-for", c.cleanup().keepOnFailureFor()),
                duration("sit.cleanup.max-keep", c.cleanup().maxKeep()),
                quota,
                quantities(c.isolation().defaultRequest()),
                quantities(c.isolation().defaultLimit()),
                podSecurityLevel(c.podSecurity().level()),
                dnsPeers(c.network().dns().peers()),
                c.placement().nodeSelector().map(OperatorSettings::nodeSelector).orElse(Map.of()),
                c.placement().tolerations().map(OperatorSettings::tolerations).orElse(List.of()),
                duration("sit.pod-creation-grace", c.podCreationGrace()),
                c.strimzi().watchesAllNamespaces(),
                IsolationFence.defaults(quota),
                WorkloadFence.from(c));
        return read.withIsolationFence(new IsolationFence(
                c.isolation().quotaMax().map(OperatorSettings::quantities).orElse(quota),
                quantities(c.isolation().maxLimit()),
                duration("sit.timeout.max", c.timeout().max()),
                c.isolation().allowNetworkPolicyOff(),
                c.isolation()
                        .egress()
                        .allowed()
                        .map(IsolationFence::egressBlocks)
                        .orElse(List.of()),
                c.isolation()
                        .external()
                        .allowed()
                        .map(ExternalEndpoint::parseAll)
                        .orElse(List.of())));
    }

    /**
     * What a tenant's SitRun may run and reference (issue 8): the image allow-list, the labels copied from the
     * SitRun's namespace onto the run namespace, and the bounds on referenced ConfigMaps.
     *
     * @param allowedImages       sit.images.allowed: registry/repository prefixes (ending in '/'), repositories,
     *                            exact references, or prefixes ending in '*'; see {@code ImagePolicy}
     * @param copyLabels          sit.namespace.copy-labels: label keys copied from the SitRun's namespace
     * @param referencesMaxBytes  sit.references.max-bytes: total size of the ConfigMaps one run references
     * @param referencesMaxCount  sit.references.max-configmaps: distinct ConfigMaps one run references
     * @param requireDigest       sit.images.require-digest: every image a SitRun names is pinned by digest
     * @param userStepsAllowed    sit.runner.user-steps: whether a SitRun may load its own step definitions
     *                            (spec.runner.steps), tenant code that runs in the runner pod with the runner's rights
     */
    public record WorkloadFence(
            List<String> allowedImages,
            List<String> copyLabels,
            long referencesMaxBytes,
            int referencesMaxCount,
            boolean requireDigest,
            boolean userStepsAllowed) {

        public static final WorkloadFence DEFAULTS = from(SitConfig.of(Map.of()));

        public WorkloadFence {
            allowedImages = List.copyOf(allowedImages);
            copyLabels = List.copyOf(copyLabels);
        }

        /** The fence without the digest rule, as before it existed. */
        public WorkloadFence(
                List<String> allowedImages, List<String> copyLabels, long referencesMaxBytes, int referencesMaxCount) {
            this(allowedImages, copyLabels, referencesMaxBytes, referencesMaxCount, false);
        }

        /** The fence allowing user steps, as before the switch existed. */
        public WorkloadFence(
                List<String> allowedImages,
                List<String> copyLabels,
                long referencesMaxBytes,
                int referencesMaxCount,
                boolean requireDigest) {
            this(allowedImages, copyLabels, referencesMaxBytes, referencesMaxCount, requireDigest, true);
        }

        /** This fence with user steps allowed or refused (tests, and what sit.runner.user-steps configures). */
        public WorkloadFence withUserStepsAllowed(boolean allowed) {
            return new WorkloadFence(
                    allowedImages, copyLabels, referencesMaxBytes, referencesMaxCount, requireDigest, allowed);
        }

        static WorkloadFence from(SitConfig c) {
            return new WorkloadFence(
                    c.images().allowed().map(WorkloadFence::allowedImages).orElse(List.of()),
                    c.namespace().copyLabels().map(WorkloadFence::copyLabels).orElse(List.of()),
                    bytes(c.references().maxBytes()),
                    c.references().maxConfigmaps(),
                    c.images().requireDigest(),
                    userStepsAllowed(c.runner().userSteps()));
        }

        /** "allowed" | "refused" (any case); anything else stops the operator, naming the key. */
        public static boolean userStepsAllowed(String setting) {
            return switch (setting.trim().toLowerCase(Locale.ROOT)) {
                case "allowed" -> true;
                case "refused" -> false;
                default ->
                    throw new IllegalArgumentException(
                            "sit.runner.user-steps: expected allowed or refused, not '" + setting + "'");
            };
        }

        /** "1Mi" -> 1048576; a size that is not a whole, positive number of bytes stops the operator. */
        public static long bytes(String quantity) {
            try {
                long bytes = new Quantity(quantity.trim()).getNumericalAmount().longValueExact();
                if (bytes > 0) {
                    return bytes;
                }
            } catch (ArithmeticException | IllegalArgumentException e) {
                // reported below, naming the key
            }
            throw new IllegalArgumentException(
                    "sit.references.max-bytes: expected a positive size such as 1Mi, not '" + quantity + "'");
        }

        /** "ghcr.io/dataops-sit/,registry.corp/team-*" -> checked entries; a malformed one stops the operator. */
        public static List<String> allowedImages(String spec) {
            return Arrays.stream(spec.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(ImagePolicy::checkEntry)
                    .toList();
        }

        /** "tenant,team.example.com/cost-center" -> label keys; the operator's and Pod Security's are refused. */
        public static List<String> copyLabels(String spec) {
            return Arrays.stream(spec.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(NamespaceLabels::checkKey)
                    .toList();
        }
    }

    static String podSecurityLevel(String level) {
        String l = level.trim().toLowerCase(Locale.ROOT);
        if (!POD_SECURITY_LEVELS.contains(l)) {
            throw new IllegalArgumentException(
                    "sit.pod-security.level must be one of " + POD_SECURITY_LEVELS + ", not " + level);
        }
        return l;
    }

    /** A Go-style duration (30m, 1h30m); a malformed one stops the operator, naming the property. */
    static Duration duration(String key, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** "cpu=100m,memory=256Mi" -> map of quantities. */
    public static Map<String, Quantity> quantities(String spec) {
        Map<String, Quantity> map = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length == 2 && !kv[0].isBlank()) {
                map.put(kv[0].trim(), new Quantity(kv[1].trim()));
            }
        }
        return map;
    }
}
