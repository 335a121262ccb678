package io.dataops.sit.operator.dependents;

/**
 * Bad input the CRD schema cannot catch (a referenced ConfigMap missing, Strimzi requested but absent):
 * thrown by a dependent, reported by the reconciler as phase Error with this reason and message.
 */
public class RunInputException extends RuntimeException {

    private final String reason;

    public RunInputException(String reason, String message) {
        super(message);
        this.reason = reason;
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
}
