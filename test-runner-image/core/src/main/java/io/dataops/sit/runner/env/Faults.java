package io.dataops.sit.runner.env;

/**
 * The port through which the fault steps make a component of the run unavailable and bring it back: the cluster
 * runner scales the component's StatefulSet or Deployment, local mode stops and starts the embedded server or the
 * local system. Each call returns once the change took effect (nothing serves any more; it serves again), or throws
 * when it did not within the implementation's deadline.
 */
public interface Faults {

    /** Makes the component unavailable: its server stops; what it stored survives. */
    void stop(FaultTarget target) throws FaultException;

    /** Brings a stopped component back and waits until it serves again. */
    void start(FaultTarget target) throws FaultException;

    /** For an environment that cannot inject faults: every call fails with {@code why}. */
    static Faults unsupported(String why) {
        return new Faults() {
            @Override
            public void stop(FaultTarget target) throws FaultException {
                throw FaultException.untouched("cannot make " + target + " unavailable: " + why, null);
            }

            @Override
            public void start(FaultTarget target) throws FaultException {
                throw new FaultException("cannot start " + target + ": " + why);
            }
        };
    }

    /** A fault could not be injected or undone; the message names the component and why. */
    final class FaultException extends Exception {

        private final boolean untouched;

        public FaultException(String message) {
            this(message, null, false);
        }

        public FaultException(String message, Throwable cause) {
            this(message, cause, false);
        }

        private FaultException(String message, Throwable cause, boolean untouched) {
            super(message, cause);
            this.untouched = untouched;
        }

        /** Refused before anything changed (no such component here, no right to it): there is nothing to undo. */
        public static FaultException untouched(String message, Throwable cause) {
            return new FaultException(message, cause, true);
        }

        public boolean componentUntouched() {
            return untouched;
        }
    }
}
