package io.dataops.sit.operator;

import io.dataops.sit.api.evidence.Artifacts;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/**
 * How the operator reads its sit.* configuration (application.properties, env twins such as
 * SIT_CONCURRENCY_MAX_ACTIVE, -D). Raw values and their defaults only: {@link SettingsProducer} parses and checks them
 * into {@link OperatorSettings} and its fences, which is what the reconciler and dependents use. Method names map to
 * kebab-case property names; {@code @WithName} marks the ones that do not follow that rule.
 */
@ConfigMapping(prefix = "sit")
public interface SitConfig {

    /**
     * These properties over the defaults, without env or system properties: what unit tests build settings from
     * (e.g. {@code SitConfig.of(Map.of("sit.timeout.default", "1h"))}), and the defaults themselves.
     */
    static SitConfig of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(SitConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test properties", 100))
                .build()
                .getConfigMapping(SitConfig.class);
    }

    Runner runner();

    Timeout timeout();

    @WithDefault("2m")
    String imagePullGrace();

    @WithDefault("1m")
    String podCreationGrace();

    @WithDefault("15s")
    String pollInterval();

    Cleanup cleanup();

    Isolation isolation();

    PodSecurity podSecurity();

    Network network();

    Placement placement();

    Strimzi strimzi();

    Images images();

    Namespace namespace();

    References references();

    Evidence evidence();

    Aws aws();

    Masking masking();

    Concurrency concurrency();

    History history();

    Sweep sweep();

    Operator operator();

    SchemaRegistry schemaRegistry();

    /** Read by {@link LeaderElection}; mapped here because Quarkus refuses sit.* keys no mapping names. */
    LeaderElectionSettings leaderElection();

    interface Runner {
        @WithDefault(OperatorSettings.DEFAULT_RUNNER_IMAGE)
        String image();

        /** allowed | refused: whether a SitRun may load its own step definitions (spec.runner.steps). */
        @WithDefault("allowed")
        String userSteps();
    }

    /** sit.schema-registry.*: the registry a SitRun gets with spec.schemaRegistry.enabled. */
    interface SchemaRegistry {
        /** The image (Apicurio Registry); the admin's choice, no SitRun names it. */
        @WithDefault(OperatorSettings.DEFAULT_SCHEMA_REGISTRY_IMAGE)
        String image();
    }

    interface Timeout {
        @WithName("default")
        @WithDefault("30m")
        String defaultTimeout();

        @WithDefault("10m")
        String provisioning();

        @WithDefault("10m")
        String seeding();

        @WithDefault("2h")
        String max();
    }

    interface Cleanup {
        @WithDefault("24h")
        String keepOnFailureFor();

        @WithDefault("168h")
        String maxKeep();
    }

    interface Isolation {
        @WithDefault(OperatorSettings.DEFAULT_QUOTA)
        String quota();

        @WithDefault("cpu=100m,memory=256Mi")
        String defaultRequest();

        @WithDefault("cpu=2,memory=2Gi")
        String defaultLimit();

        /** Unset: sit.isolation.quota itself, so tenants can only lower the quota. */
        Optional<String> quotaMax();

        @WithDefault("cpu=4,memory=8Gi")
        String maxLimit();

        @WithDefault("false")
        boolean allowNetworkPolicyOff();

        Egress egress();

        interface Egress {
            Optional<String> allowed();
        }

        External external();

        /** See {@link ExternalEndpoint}. */
        interface External {
            Optional<String> allowed();
        }
    }

    interface PodSecurity {
        @WithDefault("restricted")
        String level();
    }

    interface Network {
        Dns dns();

        interface Dns {
            @WithDefault("namespace:kube-system")
            String peers();
        }
    }

    interface Placement {
        Optional<String> nodeSelector();

        Optional<String> tolerations();
    }

    interface Strimzi {
        @WithDefault("false")
        boolean watchesAllNamespaces();
    }

    interface Images {
        Optional<String> allowed();

        @WithDefault("false")
        boolean requireDigest();
    }

    interface Namespace {
        Optional<String> copyLabels();
    }

    interface References {
        @WithDefault("1Mi")
        String maxBytes();

        @WithDefault("32")
        int maxConfigmaps();
    }

    interface Evidence {
        @WithDefault("" + Artifacts.MAX_EVIDENCE_BYTES)
        int maxBytes();

        @WithDefault("131072")
        int logBytesPerContainer();

        @WithDefault("20")
        int sampleRecords();

        @WithDefault("20")
        int sampleRows();
    }

    interface Aws {
        /** Unset: the operator's own namespace. */
        Optional<String> rolesNamespace();

        @WithName("roles-configmap")
        @WithDefault("sit-aws-roles")
        String rolesConfigMap();

        @WithDefault("sit")
        String clusterName();

        @WithDefault("true")
        boolean systemsMayOptIn();

        /** Read by {@link io.dataops.sit.operator.aws.StsCredentialsIssuer}; unset: the regional public endpoint. */
        Optional<String> stsEndpoint();
    }

    interface Masking {
        @WithDefault("false")
        boolean requireKey();
    }

    interface Concurrency {
        @WithDefault("0")
        int maxActive();

        @WithDefault("0")
        int maxActivePerNamespace();
    }

    interface History {
        @WithDefault("10")
        int maxFinishedPerGroup();
    }

    interface Sweep {
        @WithDefault("10m")
        String grace();

        @WithDefault("5m")
        String interval();

        @WithDefault("10m")
        String stuckTerminatingAfter();
    }

    interface LeaderElectionSettings {
        @WithDefault("sit-operator-leader")
        String leaseName();
    }

    interface Operator {
        @WithDefault("sit-operator")
        String serviceAccount();

        /** Unset: KUBERNETES_NAMESPACE (the Downward API), else sit-system. */
        Optional<String> namespace();
    }
}
