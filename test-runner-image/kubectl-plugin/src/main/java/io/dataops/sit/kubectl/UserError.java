package io.dataops.sit.kubectl;

/** A failure the user can act on; printed as one line, exit code 2. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
