package io.dataops.sit.kubectl;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One line for a failure, in the user's terms (no class names unless nothing better is known). */
final class Errors {

    private Errors() {}

    static String describe(Throwable e) {
        if (e instanceof UserError) {
            return e.getMessage();
        }
        if (isClientException(e)) {
            return describeClient(e);
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    // Checked by name first so a UserError never loads the Kubernetes client's classes.
    private static boolean isClientException(Throwable e) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.fabric8.kubernetes.client.KubernetesClientException")) {
                return true;
            }
        }
        return false;
    }

    private static String describeClient(Throwable t) {
        KubernetesClientException e = (KubernetesClientException) t;
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return "cannot reach the API server: " + rootMessage(e);
            }
        }
        return switch (e.getCode()) {
            case 401 -> "unauthorized: the kubeconfig's credentials were refused (" + reason(e) + ")";
            case 403 -> "forbidden: " + reason(e);
            case 404 -> "not found: " + reason(e);
            case 0 -> "cannot reach the API server: " + rootMessage(e);
            default -> reason(e);
        };
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
