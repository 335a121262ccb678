package io.dataops.sit.operator.secrets;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * Secrets in a run namespace, read and written with plain GET / create / update in that one namespace.
 *
 * <p>Why no informer: an informer on Secrets needs cluster-wide {@code list}/{@code watch secrets}, i.e. the
 * operator could read every Secret of the cluster. Without one, the operator's ClusterRole holds no Secret
 * verb at all; its Secret verbs come from the RoleBinding it creates in each run namespace
 * ({@code sit-operator-run-namespace}). Nothing needs Secret events: the Secrets the operator writes change only
 * when it writes them, and the AWS refresh is driven by the reconciler's reschedule.
 *
 * <p>Reads are memoised for the duration of one reconcile (in the reconcile's context), so the workflow, the
 * status and the refresh schedule cost one GET per Secret and reconcile. Secret contents are never logged.
 */
public final class RunSecrets {

    private RunSecrets() {}

    /** The Secret {@code namespace/name}, or empty when it does not exist. */
    public static Optional<Secret> get(Context<SitRun> context, String namespace, String name) {
        var memo = memo(context);
        String key = key(namespace, name);
        if (memo != null) {
            @SuppressWarnings("unchecked")
            Optional<Optional<Secret>> known = memo.get(key, Optional.class).map(o -> (Optional<Secret>) o);
            if (known.isPresent()) {
                return known.get();
            }
        }
        Optional<Secret> found = Optional.ofNullable(context.getClient()
                .secrets()
                .inNamespace(namespace)
                .withName(name)
                .get());
        remember(context, key, found);
        return found;
    }

    /** Creates the Secret; when it already exists (a concurrent create, a stale read) the existing one wins. */
    public static Secret create(Context<SitRun> context, Secret secret) {
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        Secret result;
        try {
            result = context.getClient()
                    .secrets()
                    .inNamespace(namespace)
                    .resource(secret)
                    .create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            result = context.getClient()
                    .secrets()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
        }
        remember(context, key(namespace, name), Optional.ofNullable(result));
        return result;
    }

    /** Replaces the Secret's data, labels and annotations (last writer wins: the operator is the only writer). */
    public static Secret replace(Context<SitRun> context, Secret secret) {
        String namespace = secret.getMetadata().getNamespace();
        secret.getMetadata().setResourceVersion(null);
        Secret result = context.getClient()
                .secrets()
                .inNamespace(namespace)
                .resource(secret)
                .update();
        remember(context, key(namespace, secret.getMetadata().getName()), Optional.ofNullable(result));
        return result;
    }

    private static void remember(Context<SitRun> context, String key, Optional<Secret> value) {
        var memo = memo(context);
        if (memo != null) {
            memo.put(key, value);
        }
    }

    private static ManagedWorkflowAndDependentResourceContext memo(Context<SitRun> context) {
        try {
            return context.managedWorkflowAndDependentResourceContext();
        } catch (UnsupportedOperationException | NullPointerException noWorkflowContext) {
            return null; // a context without a workflow store: every read then goes to the API server
        }
    }

    private static String key(String namespace, String name) {
        return RunSecrets.class.getName() + "/" + namespace + "/" + name;
    }
}
