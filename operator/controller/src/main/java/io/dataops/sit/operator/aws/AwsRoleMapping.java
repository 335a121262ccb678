package io.dataops.sit.operator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin's allow-list of IAM roles per tenant namespace, read from the ConfigMap {@code sit-aws-roles} in the
 * operator's namespace: each key is a tenant namespace (where SitRuns live), each value the roles SitRuns of that
 * namespace may name in {@code spec.aws.roleArn}, one per line or comma-separated.
 *
 * <p>An entry is an exact role ARN or, ending in {@code /*}, every role under that path of that account
 * ({@code arn:aws:iam::123456789012:role/sit/team-a/*} allows {@code role/sit/team-a/loader}, never
 * {@code role/sit/team-ab/x}). Nothing else is a wildcard: a malformed entry allows nothing. No ConfigMap, no key
 * for the namespace, or no matching entry: the role is refused (deny by default).
 */
public final class AwsRoleMapping {

    /** An exact role ARN, the same shape as spec.aws.roleArn accepts. */
    static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}$");
    /** A path prefix: an ARN ending in '/*' (the part before '*' ends with '/', so prefixes stop at a path step). */
    static final Pattern ROLE_PATH = Pattern.compile("^arn:aws[a-z-]*:iam::[0-9]{12}:role/([\\w+=,.@-]+/)*\\*$");

    private final Map<String, String> data;

    public AwsRoleMapping(Map<String, String> data) {
        this.data = data == null ? Map.of() : data;
    }

    /** Entries configured for a tenant namespace, malformed ones included (they never match). */
    public List<String> entries(String namespace) {
        String value = data.get(namespace);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String entry : value.split("[,\\n]")) {
            String e = entry.strip();
            if (!e.isEmpty() && !e.startsWith("#")) {
                out.add(e);
            }
        }
        return out;
    }

    public boolean allows(String namespace, String roleArn) {
        if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
            return false;
        }
        return entries(namespace).stream().anyMatch(entry -> matches(entry, roleArn));
    }

    static boolean matches(String entry, String roleArn) {
        if (ROLE_ARN.matcher(entry).matches() && !entry.contains("*")) {
            return entry.equals(roleArn);
        }
        if (ROLE_PATH.matcher(entry).matches()) {
            String prefix = entry.substring(0, entry.length() - 1);
            return roleArn.startsWith(prefix) && roleArn.length() > prefix.length();
        }
        return false;
    }

    /** Entries that can never match (typos); the operator logs them so the admin notices. */
    public List<String> malformed(String namespace) {
        return entries(namespace).stream()
                .filter(e -> !(ROLE_ARN.matcher(e).matches() && !e.contains("*"))
                        && !ROLE_PATH.matcher(e).matches())
                .toList();
    }
}
