package io.dataops.sit.operator.dependents;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one place that decides the securityContext of every pod the operator creates, so each passes the Pod
 * Security Standard {@code restricted} (the run namespaces are labelled with it, see
 * {@link RunNamespaceDependent}): non-root, no privilege escalation, every capability dropped, the runtime's
 * default seccomp profile.
 *
 * <p>A numeric uid is set wherever the image's user is known, because the kubelet refuses
 * {@code runAsNonRoot} for an image whose USER is a name it cannot check ({@code apache/kafka} says
 * {@code USER appuser}). A tenant's system gets no uid: its image must declare a numeric non-root USER, else
 * the kubelet refuses the container and the run ends with {@code ContainerRunsAsRoot}.
 */
public final class PodSecurity {

    /**
     * Who a pod runs as. {@code uid == null}: whoever the image declares (must be numeric and non-root).
     * {@code fsGroup}: group owning the pod's writable volumes (emptyDirs), for images whose data directory
     * must belong to their user.
     */
    public record Identity(Long uid, Long gid, Long fsGroup) {}

    /** Official {@code apache/kafka}: {@code appuser}, uid/gid 1000; its data directory is an emptyDir. */
    public static final Identity KAFKA = new Identity(1000L, 1000L, 1000L);
    /** Official Debian-based {@code postgres}: user {@code postgres}, uid/gid 999; initdb needs PGDATA to be its own. */
    public static final Identity POSTGRES = new Identity(999L, 999L, 999L);
    /** The Alpine-based {@code postgres:*-alpine} variants create {@code postgres} as uid/gid 70. */
    public static final Identity POSTGRES_ALPINE = new Identity(70L, 70L, 70L);
    /** The sit runner image (test-runner-image, Jib): 10001:10001. */
    public static final Identity RUNNER = new Identity(10001L, 10001L, null);
    /** The schema registry image (e2e/images, as the operator's: a Quarkus fast-jar on base-jre): uid 185. */
    public static final Identity SCHEMA_REGISTRY = new Identity(185L, 185L, null);
    /** A tenant's image: its own numeric non-root USER. */
    public static final Identity TENANT = new Identity(null, null, null);

    /** Pod Security Admission labels: enforced, warned about and audited at the same level. */
    public static final String LABEL_PREFIX = "pod-security.kubernetes.io/";

    private PodSecurity() {}

    /** The namespace labels that make the API server enforce {@code level} for every pod of the run. */
    public static Map<String, String> namespaceLabels(String level) {
        return Map.of(
                LABEL_PREFIX + "enforce",
                level,
                LABEL_PREFIX + "enforce-version",
                "latest",
                LABEL_PREFIX + "warn",
                level,
                LABEL_PREFIX + "warn-version",
                "latest",
                LABEL_PREFIX + "audit",
                level,
                LABEL_PREFIX + "audit-version",
                "latest");
    }

    /** The postgres identity matching an image reference: Alpine variants use uid 70, the Debian ones 999. */
    public static Identity postgres(String image) {
        String tag = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        tag = tag.contains(":") ? tag.substring(tag.lastIndexOf(':') + 1) : "";
        return tag.contains("alpine") ? POSTGRES_ALPINE : POSTGRES;
    }

    public static PodSecurityContext pod(Identity id) {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(id.uid())
                .withRunAsGroup(id.gid())
                .withFsGroup(id.fsGroup())
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    public static SecurityContext container(Identity id) {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(id.uid())
                .withRunAsGroup(id.gid())
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    /** Sets the pod's and every (init) container's securityContext for {@code id}; returns the same spec. */
    public static PodSpec apply(PodSpec spec, Identity id) {
        spec.setSecurityContext(pod(id));
        Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream())
                .forEach((Container c) -> c.setSecurityContext(container(id)));
        return spec;
    }
}
