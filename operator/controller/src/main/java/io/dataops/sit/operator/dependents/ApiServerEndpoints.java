package io.dataops.sit.operator.dependents;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The addresses the API server really listens on: the endpoints of the {@code kubernetes} Service in
 * {@code default} (EndpointSlice {@code kubernetes}, else the Endpoints object), e.g. 10.0.0.5:6443.
 *
 * <p>Why endpoints and not the Service's 443: most enforcing CNIs evaluate egress policies after kube-proxy
 * translated the Service's virtual IP, so an {@code ipBlock} must name the endpoint and its port. Cached
 * briefly per client, since every reconcile of every run asks.
 */
public final class ApiServerEndpoints {

    public static final String NAMESPACE = "default";
    public static final String SERVICE = "kubernetes";
    static final Duration TTL = Duration.ofSeconds(30);

    /** One address of the API server: an IP and the TCP port it serves on. */
    public record Endpoint(String ip, int port) {
        /** The single-address block of {@link #ip}: /32 for IPv4, /128 for IPv6. */
        public String cidr() {
            return ip + (ip.contains(":") ? "/128" : "/32");
        }
    }

    private record Cached(List<Endpoint> endpoints, Instant at) {}

    private static final Map<KubernetesClient, Cached> CACHE = new WeakHashMap<>();

    private ApiServerEndpoints() {}

    /**
     * The API server's endpoints; throws when none can be read, so the policy is retried rather than written
     * without a way to the API server.
     */
    public static synchronized List<Endpoint> of(KubernetesClient client, Clock clock) {
        Cached cached = CACHE.get(client);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.at().plus(TTL))) {
            return cached.endpoints();
        }
        List<Endpoint> endpoints = read(client);
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("no endpoints found for Service " + NAMESPACE + "/" + SERVICE
                    + " (EndpointSlice or Endpoints): cannot allow the runner and seed pods to reach the API server");
        }
        CACHE.put(client, new Cached(endpoints, now));
        return endpoints;
    }

    public static List<Endpoint> of(KubernetesClient client) {
        return of(client, Clock.systemUTC());
    }

    static synchronized void forget() {
        CACHE.clear();
    }

    static List<Endpoint> read(KubernetesClient client) {
        List<Endpoint> out = new ArrayList<>();
        EndpointSlice slice = getOrNull(() -> client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(NAMESPACE)
                .withName(SERVICE)
                .get());
        if (slice != null && slice.getEndpoints() != null && slice.getPorts() != null) {
            for (var port : slice.getPorts()) {
                for (var endpoint : slice.getEndpoints()) {
                    boolean ready = endpoint.getConditions() == null
                            || !Boolean.FALSE.equals(endpoint.getConditions().getReady());
                    if (ready && endpoint.getAddresses() != null && port.getPort() != null) {
                        endpoint.getAddresses().forEach(ip -> out.add(new Endpoint(ip, port.getPort())));
                    }
                }
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        Endpoints endpoints = getOrNull(() ->
                client.endpoints().inNamespace(NAMESPACE).withName(SERVICE).get());
        if (endpoints != null && endpoints.getSubsets() != null) {
            for (var subset : endpoints.getSubsets()) {
                if (subset.getAddresses() == null || subset.getPorts() == null) {
                    continue;
                }
                for (var port : subset.getPorts()) {
                    subset.getAddresses().forEach(a -> out.add(new Endpoint(a.getIp(), port.getPort())));
                }
            }
        }
        return out;
    }

    private static <T> T getOrNull(Supplier<T> get) {
        try {
            return get.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 403) {
                return null;
            }
            throw e;
        }
    }
}
