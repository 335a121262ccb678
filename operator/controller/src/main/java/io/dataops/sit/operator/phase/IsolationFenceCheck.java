package io.dataops.sit.operator.phase;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.EgressRule;
import io.dataops.sit.api.v1alpha1.spec.IsolationSpec;
import io.dataops.sit.api.v1alpha1.spec.PhaseTimeouts;
import io.dataops.sit.operator.Cidr;
import io.dataops.sit.operator.GoDuration;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.OperatorSettings.IsolationFence;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a SitRun asks of its fence, held against the admin's bounds ({@link IsolationFence}) before anything is
 * created: a run asking for more than the admin allows ends in Error with a reason naming the key, what was
 * asked and the bound, rather than being silently capped (the tenant learns why, and nothing half-built runs).
 */
public final class IsolationFenceCheck {

    private IsolationFenceCheck() {}

    /** The first bound the run crosses, or null when it stays inside the fence. */
    public static Problem check(SitRun run, OperatorSettings settings) {
        IsolationFence fence = settings.isolationFence();
        Problem problem = timeouts(run, fence);
        IsolationSpec isolation = run.getSpec().getIsolation();
        if (problem == null && isolation != null) {
            problem = networkPolicy(isolation, fence);
        }
        if (problem == null && isolation != null) {
            problem = quota(isolation, fence);
        }
        if (problem == null) {
            problem = containerLimits(run, settings);
        }
        if (problem == null && isolation != null) {
            problem = egress(isolation, fence);
        }
        return problem;
    }

    private static Problem timeouts(SitRun run, IsolationFence fence) {
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("spec.timeout", run.getSpec().getTimeout());
        PhaseTimeouts phases = run.getSpec().getPhaseTimeouts();
        if (phases != null) {
            asked.put("spec.phaseTimeouts.provisioning", phases.getProvisioning());
            asked.put("spec.phaseTimeouts.seeding", phases.getSeeding());
            asked.put("spec.phaseTimeouts.testing", phases.getTesting());
        }
        for (var entry : asked.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            Duration value;
            try {
                value = GoDuration.parse(entry.getValue());
            } catch (RuntimeException e) {
                // Only an out-of-range duration gets here (the CRD pattern checks the syntax): above any maximum.
                value = null;
            }
            if (value == null || value.compareTo(fence.timeoutMax()) > 0) {
                return new Problem(
                        RunReason.TIMEOUT_ABOVE_LIMIT,
                        entry.getKey() + " " + entry.getValue()
                                + " is above the operator's maximum of " + GoDuration.format(fence.timeoutMax())
                                + " (sit.timeout.max)");
            }
        }
        return null;
    }

    private static Problem networkPolicy(IsolationSpec isolation, IsolationFence fence) {
        if (!isolation.networkPolicyEnabled() && !fence.allowNetworkPolicyOff()) {
            return new Problem(
                    RunReason.NETWORK_POLICY_REQUIRED,
                    "spec.isolation.networkPolicy: false is not allowed "
                            + "by this operator (sit.isolation.allow-network-policy-off is false); use spec.isolation.egress "
                            + "to let systems reach an outside address");
        }
        return null;
    }

    /** Keys the cap does not name are accepted: a ResourceQuota key can only restrict, never grant. */
    private static Problem quota(IsolationSpec isolation, IsolationFence fence) {
        for (var entry : sorted(isolation.getQuota()).entrySet()) {
            Quantity cap = fence.quotaMax().get(entry.getKey());
            if (cap != null && above(entry.getValue(), cap)) {
                return new Problem(
                        RunReason.QUOTA_ABOVE_LIMIT,
                        "spec.isolation.quota " + entry.getKey() + "="
                                + entry.getValue() + " is above the operator's cap " + entry.getKey() + "=" + cap
                                + " (sit.isolation.quota-max)");
            }
        }
        return null;
    }

    /** Container defaults and explicit resources must fit the LimitRange maximum, or pods would be refused later. */
    private static Problem containerLimits(SitRun run, OperatorSettings settings) {
        IsolationSpec isolation = run.getSpec().getIsolation();
        Map<String, Map<String, Quantity>> asked = new LinkedHashMap<>();
        if (isolation != null) {
            asked.put("spec.isolation.defaultRequest", isolation.getDefaultRequest());
            asked.put("spec.isolation.defaultLimit", isolation.getDefaultLimit());
        }
        if (run.getSpec().getRunner() != null) {
            resources(asked, "spec.runner.resources", run.getSpec().getRunner().getResources());
        }
        for (var system : run.getSpec().getSystems()) {
            resources(asked, "spec.systems[" + system.getName() + "].resources", system.getResources());
        }
        Map<String, Quantity> max = settings.isolationFence().maxLimit();
        for (var field : asked.entrySet()) {
            for (var entry : sorted(field.getValue()).entrySet()) {
                Quantity cap = max.get(entry.getKey());
                if (cap != null && above(entry.getValue(), cap)) {
                    return new Problem(
                            RunReason.RESOURCES_ABOVE_LIMIT,
                            field.getKey() + " " + entry.getKey() + "="
                                    + entry.getValue() + " is above the operator's per-container maximum "
                                    + entry.getKey()
                                    + "=" + cap + " (sit.isolation.max-limit)");
                }
            }
        }
        if (isolation != null && (isolation.getDefaultRequest() != null || isolation.getDefaultLimit() != null)) {
            // The API server refuses a LimitRange whose defaultRequest exceeds its default.
            Map<String, Quantity> request = overlay(settings.defaultRequest(), isolation.getDefaultRequest());
            Map<String, Quantity> limit = overlay(settings.defaultLimit(), isolation.getDefaultLimit());
            for (var entry : request.entrySet()) {
                Quantity l = limit.get(entry.getKey());
                if (l != null && above(entry.getValue(), l)) {
                    return new Problem(
                            RunReason.RESOURCES_ABOVE_LIMIT,
                            "the container default request " + entry.getKey()
                                    + "=" + entry.getValue() + " is above the container default limit " + entry.getKey()
                                    + "=" + l
                                    + " (spec.isolation.defaultRequest / defaultLimit)");
                }
            }
        }
        return null;
    }

    private static Problem egress(IsolationSpec isolation, IsolationFence fence) {
        for (EgressRule rule : isolation.getEgress()) {
            Cidr cidr;
            try {
                cidr = Cidr.parse(rule.getCidr());
            } catch (IllegalArgumentException e) {
                return new Problem(RunReason.EGRESS_NOT_ALLOWED, "spec.isolation.egress: " + e.getMessage());
            }
            if (IsolationFence.INSTANCE_METADATA.contains(cidr)) {
                return new Problem(
                        RunReason.EGRESS_NOT_ALLOWED,
                        "spec.isolation.egress " + rule.getCidr()
                                + " is an instance metadata endpoint, which a run may never reach");
            }
            if (fence.egressAllowed().stream().noneMatch(allowed -> allowed.contains(cidr))) {
                return new Problem(
                        RunReason.EGRESS_NOT_ALLOWED,
                        "spec.isolation.egress " + rule.getCidr()
                                + " is not inside a block the operator allows (sit.isolation.egress.allowed: "
                                + (fence.egressAllowed().isEmpty() ? "none" : fence.egressAllowed()) + ")");
            }
        }
        return null;
    }

    private static void resources(Map<String, Map<String, Quantity>> asked, String field, ResourceRequirements r) {
        if (r != null) {
            asked.put(field + ".requests", r.getRequests());
            asked.put(field + ".limits", r.getLimits());
        }
    }

    /** A quantity that does not parse is never within a bound. */
    private static boolean above(Quantity value, Quantity bound) {
        try {
            return value.getNumericalAmount().compareTo(bound.getNumericalAmount()) > 0;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static Map<String, Quantity> sorted(Map<String, Quantity> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }

    private static Map<String, Quantity> overlay(Map<String, Quantity> defaults, Map<String, Quantity> overrides) {
        Map<String, Quantity> merged = new TreeMap<>(defaults);
        if (overrides != null) {
            merged.putAll(overrides);
        }
        return merged;
    }
}
