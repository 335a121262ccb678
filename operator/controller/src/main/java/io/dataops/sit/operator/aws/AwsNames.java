package io.dataops.sit.operator.aws;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Names, labels and annotation keys of the AWS credentials a run gets; one place for all of them. */
public final class AwsNames {

    private AwsNames() {}

    /** The Secret in the run's namespace holding the shared-credentials file (key {@code credentials}). */
    public static final String SECRET = "sit-aws-credentials";
    /** Value of {@link Labels#COMPONENT} on the Secret; the informer selects on it. */
    public static final String COMPONENT = "aws";
    /** Label selector of the dependent's informer: only our credential Secrets, never every Secret of the cluster. */
    public static final String SELECTOR =
            Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE + "," + Labels.COMPONENT + "=" + COMPONENT;

    /** When the credentials in the Secret expire (RFC 3339); the refresh decision reads only this and ISSUED_AT. */
    public static final String EXPIRATION_ANNOTATION = Labels.GROUP + "/aws-expiration";
    /** When the credentials were issued (RFC 3339); with the expiration it gives their lifetime. */
    public static final String ISSUED_AT_ANNOTATION = Labels.GROUP + "/aws-issued-at";
    /** The role the credentials belong to: a role change mid-run re-issues them. */
    public static final String ROLE_ARN_ANNOTATION = Labels.GROUP + "/aws-role-arn";

    public static final String SESSION_NAME_ANNOTATION = Labels.GROUP + "/aws-session-name";
    /** The annotations this operator writes on the Secret (JOSDK adds its own primary-* annotations). */
    public static final Set<String> ANNOTATIONS =
            Set.of(EXPIRATION_ANNOTATION, ISSUED_AT_ANNOTATION, ROLE_ARN_ANNOTATION, SESSION_NAME_ANNOTATION);

    /** Session tag keys (visible in CloudTrail and usable in the role's policies). */
    public static final String TAG_RUN = "sit-run";
    /** The SitRun's (tenant's) namespace: what the run role's trust policy conditions on. */
    public static final String TAG_NAMESPACE = "sit-namespace";
    /** The run's own namespace (sit-<run>-<hash>), for CloudTrail. */
    public static final String TAG_RUN_NAMESPACE = "sit-run-namespace";

    static final int MAX_SESSION_NAME_LENGTH = 64;

    /** {@code sit-<sitrun name>} reduced to what STS accepts ([\w+=,.@-], at most 64 characters). */
    public static String sessionName(SitRun run) {
        String name = ("sit-" + run.getMetadata().getName()).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > MAX_SESSION_NAME_LENGTH ? name.substring(0, MAX_SESSION_NAME_LENGTH) : name;
    }

    /**
     * Session tags naming the SitRun, its (tenant) namespace and the run's namespace. Set by the operator from
     * the SitRun's metadata, so a tenant cannot claim another namespace.
     */
    public static Map<String, String> sessionTags(SitRun run) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_RUN, run.getMetadata().getName());
        tags.put(TAG_NAMESPACE, run.getMetadata().getNamespace());
        tags.put(TAG_RUN_NAMESPACE, RunNames.namespace(run));
        return tags;
    }

    /**
     * The ExternalId sent with every AssumeRole: {@code <cluster name>:<tenant namespace>}. Fixed per tenant
     * namespace (a run role's trust policy can require it) and never chosen by the tenant; the cluster name keeps
     * two operators sharing one AWS account apart.
     */
    public static String externalId(String clusterName, SitRun run) {
        return clusterName + ":" + run.getMetadata().getNamespace();
    }

    /**
     * SourceIdentity of the session: the tenant namespace (a DNS label, so within STS' 2-64 characters of
     * [\w+=,.@-]). It sticks to every session chained from this one, so CloudTrail names the tenant.
     */
    public static String sourceIdentity(SitRun run) {
        return run.getMetadata().getNamespace();
    }
}
