package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.RunReason;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Bad input the CRD schema cannot catch (a referenced ConfigMap missing, Strimzi requested but absent):
 * thrown by a dependent, reported by the reconciler as phase Error with this reason and message.
 */
public class RunInputException extends RuntimeException {

    private final String reason;

    public RunInputException(RunReason reason, String message) {
        super(message);
        this.reason = reason.value();
    }

    public String reason() {
        return reason;
    }

    /** The first RunInputException in the cause chain, or null. */
    public static RunInputException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RunInputException r) {
                return r;
            }
        }
        return null;
    }

    /**
     * A 422 (Invalid) in the cause chain as bad input: the API server's validation of an object built from the spec
     * (an env name a pod may not have, a value and a valueFrom together...) fails the same way on every retry, so the
     * run ends naming what was refused instead of waiting for its timeout. Null for anything else.
     */
    public static RunInputException fromApiRejection(String dependent, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KubernetesClientException k && k.getCode() == 422) {
                String detail = k.getStatus() != null && k.getStatus().getMessage() != null
                        ? k.getStatus().getMessage()
                        : k.getMessage();
                if (detail.length() > 1024) {
                    detail = detail.substring(0, 1021) + "...";
                }
                return new RunInputException(
                        RunReason.INVALID_SPEC,
                        "the API server refused the run's " + dependent + " built from the SitRun: " + detail);
            }
        }
        return null;
    }
}
