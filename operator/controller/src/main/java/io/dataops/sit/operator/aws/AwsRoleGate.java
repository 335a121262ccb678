package io.dataops.sit.operator.aws;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The admin's AWS fence, checked by the reconciler before the workflow creates anything (and again on every
 * reconcile, so removing a mapping ends a running run before its credentials are refreshed): a SitRun with
 * {@code spec.aws} may only name a role mapped to its namespace in the ConfigMap
 * {@link OperatorSettings.SecretsFence#rolesConfigMap()} (see {@link AwsRoleMapping}), and systems may only opt in
 * to the credentials when the admin allows it.
 *
 * <p>The ConfigMap is read with one GET by name in the operator's namespace (no informer, no list): it is small,
 * read only for runs that ask for AWS, and always current.
 */
public final class AwsRoleGate {

    private static final Logger LOG = Logger.getLogger(AwsRoleGate.class);

    private AwsRoleGate() {}

    /** Null when the run may have what it asks for, else the problem that ends it in Error. */
    public static Problem check(KubernetesClient client, SitRun run, OperatorSettings.SecretsFence fence) {
        if (run.getSpec() == null || run.getSpec().getAws() == null) {
            return null;
        }
        String namespace = run.getMetadata().getNamespace();
        String role = run.getSpec().getAws().getRoleArn();
        ConfigMap mapping = client.configMaps()
                .inNamespace(fence.rolesNamespace())
                .withName(fence.rolesConfigMap())
                .get();
        AwsRoleMapping roles = new AwsRoleMapping(mapping == null ? null : mapping.getData());
        List<String> malformed = roles.malformed(namespace);
        if (!malformed.isEmpty()) {
            LOG.warnf(
                    "ConfigMap %s/%s: entries for namespace %s that allow nothing (expected a role ARN or "
                            + "arn:...:role/<path>/*): %s",
                    fence.rolesNamespace(), fence.rolesConfigMap(), namespace, malformed);
        }
        if (!roles.allows(namespace, role)) {
            return new Problem(
                    RunReason.AWS_ROLE_NOT_ALLOWED,
                    "namespace " + namespace + " may not assume role " + role
                            + ": AWS roles are denied unless an admin maps them to the namespace (ConfigMap "
                            + fence.rolesConfigMap() + " in the operator's namespace, see deploy/README.md)");
        }
        if (!fence.systemsMayUseAws()) {
            List<String> optedIn = run.getSpec().getSystems().stream()
                    .filter(SystemSpec::usesAws)
                    .map(SystemSpec::getName)
                    .toList();
            if (!optedIn.isEmpty()) {
                return new Problem(
                        RunReason.AWS_FOR_SYSTEMS_NOT_ALLOWED,
                        "systems " + optedIn + " ask for the run's AWS "
                                + "credentials (aws: true), which this operator's admin does not allow "
                                + "(sit.aws.systems-may-opt-in=false); only the runner gets them");
            }
        }
        return null;
    }
}
