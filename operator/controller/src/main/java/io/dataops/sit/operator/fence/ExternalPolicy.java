package io.dataops.sit.operator.fence;

import io.dataops.sit.api.ExternalParts;
import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.operator.ExternalEndpoint;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * External brokers and databases (spec.brokers[].external, spec.databases[].external) held against the admin's
 * list of existing services a run may use (sit.isolation.external.allowed), before anything is created: every
 * host:port a SitRun names must fall under an entry, else the run ends with ExternalEndpointNotAllowed naming it.
 * The entries they fall under are what the run's NetworkPolicy opens ({@link #allowedFor}), nothing more.
 */
public final class ExternalPolicy {

    private ExternalPolicy() {}

    /** One host:port a SitRun names, and the spec field naming it (for messages). */
    record Named(String field, String host, int port) {
        String endpoint() {
            return host + ":" + port;
        }
    }

    public static Problem check(SitRun run, OperatorSettings settings) {
        Optional<String> invalid = ExternalParts.refusal(run.getSpec());
        if (invalid.isPresent()) {
            return new Problem(RunReason.BAD_SPEC, invalid.get());
        }
        List<ExternalEndpoint> allowed = settings.isolationFence().externalAllowed();
        for (Named named : named(run)) {
            if (allowed.stream().noneMatch(e -> e.matches(named.host(), named.port()))) {
                return new Problem(
                        RunReason.EXTERNAL_ENDPOINT_NOT_ALLOWED,
                        named.field() + " " + named.endpoint()
                                + " is not an endpoint the operator allows (" + ExternalEndpoint.SETTING + ": "
                                + (allowed.isEmpty() ? "none" : allowed) + ")");
            }
        }
        return null;
    }

    /** The admin entries the run's external endpoints fall under (each once), in spec order; empty without any. */
    public static List<ExternalEndpoint> allowedFor(SitRun run, OperatorSettings settings) {
        Set<ExternalEndpoint> used = new LinkedHashSet<>();
        for (Named named : named(run)) {
            settings.isolationFence().externalAllowed().stream()
                    .filter(e -> e.matches(named.host(), named.port()))
                    .findFirst()
                    .ifPresent(used::add);
        }
        return List.copyOf(used);
    }

    private static List<Named> named(SitRun run) {
        List<Named> named = new ArrayList<>();
        for (BrokerSpec broker : run.getSpec().getBrokers()) {
            if (!broker.external()) {
                continue;
            }
            for (String endpoint : broker.getExternal().endpoints()) {
                int colon = endpoint.lastIndexOf(':');
                named.add(new Named(
                        "spec.brokers[" + broker.getName() + "].external.bootstrapServers",
                        endpoint.substring(0, colon),
                        Integer.parseInt(endpoint.substring(colon + 1))));
            }
        }
        for (DatabaseSpec db : run.getSpec().getDatabases()) {
            if (db.external()) {
                named.add(new Named(
                        "spec.databases[" + db.getName() + "].external.jdbcUrl",
                        db.getExternal().host(),
                        db.getExternal().port()));
            }
        }
        return named;
    }
}
