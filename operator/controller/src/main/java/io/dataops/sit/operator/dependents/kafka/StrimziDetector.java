package io.dataops.sit.operator.dependents.kafka;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Whether Strimzi's CRDs are served in {@code kafka.strimzi.io/v1} (kafkas, kafkanodepools, kafkatopics).
 *
 * <p>Asks API discovery ({@code GET /apis/kafka.strimzi.io/v1}) rather than reading the CRD objects: discovery
 * needs no RBAC on customresourcedefinitions and also proves the v1 version is served (Strimzi &lt; 1.0 only
 * serves v1beta2, which io.strimzi:api 1.2.0 can't speak). The answer is cached for a short TTL because every
 * reconcile of every SitRun asks, and Strimzi may be installed while the operator runs.
 *
 * <p>Mock-server tests stub discovery: {@code server.expect().get().withPath(StrimziDetector.DISCOVERY_PATH)}.
 */
public class StrimziDetector {

    public static final String GROUP_VERSION = "kafka.strimzi.io/v1";
    public static final String DISCOVERY_PATH = "/apis/" + GROUP_VERSION;
    public static final Set<String> REQUIRED_RESOURCES = Set.of("kafkas", "kafkanodepools", "kafkatopics");
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    private static final Map<KubernetesClient, StrimziDetector> SHARED = new WeakHashMap<>();

    private final Supplier<Boolean> probe;
    private final Duration ttl;
    private final Clock clock;
    private Boolean cached;
    private Instant checkedAt;

    public StrimziDetector(Supplier<Boolean> probe, Duration ttl, Clock clock) {
        this.probe = probe;
        this.ttl = ttl;
        this.clock = clock;
    }

    public StrimziDetector(KubernetesClient client) {
        this(() -> servesStrimziV1(client), DEFAULT_TTL, Clock.systemUTC());
    }

    /** One detector (one cache) per client, so dependents, conditions and the reconciler agree. */
    public static synchronized StrimziDetector forClient(KubernetesClient client) {
        return SHARED.computeIfAbsent(client, StrimziDetector::new);
    }

    /**
     * For dependents and conditions: whether Strimzi is served, asked only when the run has brokers (a run
     * without brokers never needs discovery) and when the context has a client (plain unit tests don't).
     */
    public static boolean installed(SitRun run, Context<?> context) {
        if (run.getSpec() == null || run.getSpec().getBrokers().isEmpty() || context.getClient() == null) {
            return false;
        }
        return forClient(context.getClient()).isInstalled();
    }

    public synchronized boolean isInstalled() {
        Instant now = clock.instant();
        if (cached == null || checkedAt == null || !now.isBefore(checkedAt.plus(ttl))) {
            try {
                cached = probe.get();
            } catch (RuntimeException discoveryFailed) {
                // A blip of the API server must not flip the answer (that would stop the Strimzi informers).
                if (cached == null) {
                    throw discoveryFailed;
                }
            }
            checkedAt = now;
        }
        return cached;
    }

    /** Forget the cached answer (tests, or after a discovery error worth retrying at once). */
    public synchronized void invalidate() {
        cached = null;
    }

    static boolean servesStrimziV1(KubernetesClient client) {
        try {
            APIResourceList list = client.getApiResources(GROUP_VERSION);
            if (list == null || list.getResources() == null) {
                return false;
            }
            Set<String> served =
                    list.getResources().stream().map(APIResource::getName).collect(Collectors.toSet());
            return served.containsAll(REQUIRED_RESOURCES);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
