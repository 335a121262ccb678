package io.dataops.sit.operator;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Operator-wide defaults (application.properties, env, -D). A plain record so the status aggregator and
 * dependents stay testable without a running Quarkus.
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
        boolean strimziWatchesAllNamespaces) {

    /** These settings with another default placement (tests, and what sit.placement.* configures). */
    public OperatorSettings withDefaultPlacement(Map<String, String> nodeSelector,
            List<Toleration> tolerations) {
        return new OperatorSettings(runnerImage, defaultTimeout, provisioningTimeout, seedingTimeout, imagePullGrace,
                pollInterval, keepOnFailureFor, maxKeep, quota, defaultRequest, defaultLimit, podSecurityLevel, dnsPeers,
                nodeSelector, tolerations, podCreationGrace, strimziWatchesAllNamespaces);
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
                throw new IllegalArgumentException("sit.placement.node-selector: expected key=value, not '" + entry + "'");
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
            out.add(kv.length == 2
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

        public static OperatorIdentity fromConfig() {
            Config c = ConfigProvider.getConfig();
            String namespace = c.getOptionalValue("sit.operator.namespace", String.class)
                    .or(() -> c.getOptionalValue("KUBERNETES_NAMESPACE", String.class))
                    .orElse(DEFAULT.namespace());
            return new OperatorIdentity(
                    c.getOptionalValue("sit.operator.service-account", String.class).orElse(DEFAULT.serviceAccount()),
                    namespace);
        }
    }

    public static List<DnsPeer> dnsPeers(String spec) {
        return Arrays.stream(spec.split(",")).filter(s -> !s.isBlank()).map(DnsPeer::parse).toList();
    }

    public static final String DEFAULT_RUNNER_IMAGE = "ghcr.io/dataops-sit/sit-runner:0.1.0";

    public static OperatorSettings defaults() {
        return new OperatorSettings(DEFAULT_RUNNER_IMAGE, Duration.ofMinutes(30), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofSeconds(15), Duration.ofHours(24), Duration.ofDays(7),
                quantities("pods=50,requests.cpu=8,requests.memory=16Gi,limits.cpu=16,limits.memory=32Gi"),
                quantities("cpu=100m,memory=256Mi"), quantities("cpu=2,memory=2Gi"), "restricted",
                dnsPeers("namespace:kube-system"), Map.of(), List.of(), Duration.ofMinutes(1), false);
    }

    /** Pod Security Standards levels the run namespaces may be labelled with. */
    static final Set<String> POD_SECURITY_LEVELS = Set.of("privileged", "baseline", "restricted");

    private static volatile OperatorSettings current;

    /** The settings of this process, read once (config does not change at run time). */
    public static OperatorSettings current() {
        OperatorSettings s = current;
        if (s == null) {
            s = fromConfig();
            current = s;
        }
        return s;
    }

    /** Reads sit.* from the MicroProfile config, falling back to {@link #defaults()}. */
    public static OperatorSettings fromConfig() {
        Config c = ConfigProvider.getConfig();
        OperatorSettings d = defaults();
        return new OperatorSettings(
                c.getOptionalValue("sit.runner.image", String.class).orElse(d.runnerImage()),
                duration(c, "sit.timeout.default", d.defaultTimeout()),
                duration(c, "sit.timeout.provisioning", d.provisioningTimeout()),
                duration(c, "sit.timeout.seeding", d.seedingTimeout()),
                duration(c, "sit.image-pull-grace", d.imagePullGrace()),
                duration(c, "sit.poll-interval", d.pollInterval()),
                duration(c, "sit.cleanup.keep-on-failure-for", d.keepOnFailureFor()),
                duration(c, "sit.cleanup.max-keep", d.maxKeep()),
                c.getOptionalValue("sit.isolation.quota", String.class).map(OperatorSettings::quantities).orElse(d.quota()),
                c.getOptionalValue("sit.isolation.default-request", String.class).map(OperatorSettings::quantities)
                        .orElse(d.defaultRequest()),
                c.getOptionalValue("sit.isolation.default-limit", String.class).map(OperatorSettings::quantities)
                        .orElse(d.defaultLimit()),
                podSecurityLevel(c.getOptionalValue("sit.pod-security.level", String.class).orElse(d.podSecurityLevel())),
                c.getOptionalValue("sit.network.dns.peers", String.class).map(OperatorSettings::dnsPeers).orElse(d.dnsPeers()),
                c.getOptionalValue("sit.placement.node-selector", String.class).map(OperatorSettings::nodeSelector)
                        .orElse(d.defaultNodeSelector()),
                c.getOptionalValue("sit.placement.tolerations", String.class).map(OperatorSettings::tolerations)
                        .orElse(d.defaultTolerations()),
                duration(c, "sit.pod-creation-grace", d.podCreationGrace()),
                c.getOptionalValue("sit.strimzi.watches-all-namespaces", Boolean.class)
                        .orElse(d.strimziWatchesAllNamespaces()));
    }

    static String podSecurityLevel(String level) {
        String l = level.trim().toLowerCase(Locale.ROOT);
        if (!POD_SECURITY_LEVELS.contains(l)) {
            throw new IllegalArgumentException("sit.pod-security.level must be one of " + POD_SECURITY_LEVELS + ", not " + level);
        }
        return l;
    }

    private static Duration duration(Config c, String key, Duration fallback) {
        return c.getOptionalValue(key, String.class).map(GoDuration::parse).orElse(fallback);
    }

    /** "cpu=100m,memory=256Mi" -> map of quantities. */
    static Map<String, Quantity> quantities(String spec) {
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
