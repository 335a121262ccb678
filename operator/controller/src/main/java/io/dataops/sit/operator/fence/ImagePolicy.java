package io.dataops.sit.operator.fence;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.phase.RunObservation.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which images a SitRun may run (issue 8: admins set the fence). Checked by the reconciler before anything is
 * created; a refusal ends the run in phase Error with reason {@link RunReason#IMAGE_NOT_ALLOWED}, naming the field and the image.
 *
 * <ul>
 *   <li>The runner image (it also runs the seed Jobs and holds the run's API token and AWS credentials): the
 *       operator's {@code sit.runner.image}, or one the allow-list allows.</li>
 *   <li>System images and the broker and database image overrides: anything while the allow-list is empty (they
 *       run under Pod Security {@code restricted}, without a service-account token, behind the default-deny
 *       NetworkPolicy), else only what it allows.</li>
 * </ul>
 *
 * <p>Entries of {@code sit.images.allowed}, compared with the image after Docker Hub normalisation
 * ({@code postgres:16} is {@code docker.io/library/postgres:16}):
 * <ul>
 *   <li>{@code registry/path/} (ends with '/'): every repository under that path;</li>
 *   <li>{@code registry/path/name-*} (ends with '*'): every repository whose name starts so, deliberately
 *       crossing a name boundary;</li>
 *   <li>{@code registry/path/name}: that repository, any tag or digest;</li>
 *   <li>{@code registry/path/name:tag} or {@code ...@sha256:...}: exactly that reference.</li>
 * </ul>
 * A plain prefix never matches across a boundary the admin did not write, so {@code ghcr.io/dataops-sit} does not
 * allow {@code ghcr.io/dataops-sit.evil.com/x} nor {@code ghcr.io/dataops-sitx/y}. Every entry must name its
 * registry host (contain a '/'), so no entry can match a look-alike host.
 */
public final class ImagePolicy {

    private ImagePolicy() {}

    /** The first image of the run the fence refuses, as a Problem; null when every image is allowed. */
    public static Problem check(SitRun run, OperatorSettings settings) {
        var fence = settings.workloadFence();
        List<String> allowed = fence.allowedImages();
        var runner = run.getSpec().getRunner();
        boolean ownRunner = runner == null
                || runner.getImage() == null
                || normalize(runner.getImage()).equals(normalize(settings.runnerImage()));
        if (!ownRunner && !allows(allowed, runner.getImage())) {
            return refused(
                    "spec.runner.image",
                    runner.getImage(),
                    allowed.isEmpty()
                            ? "only the operator's runner image " + settings.runnerImage()
                                    + " may run (sit.runner.image); "
                                    + "an admin can allow others with sit.images.allowed"
                            : "it is neither the operator's runner image " + settings.runnerImage() + " nor allowed by "
                                    + "sit.images.allowed " + allowed);
        }
        // Every image the tenant named; the operator's own runner image is the admin's choice, not the tenant's.
        Map<String, String> named = new LinkedHashMap<>();
        if (!ownRunner) {
            named.put("spec.runner.image", runner.getImage());
        }
        List<SystemSpec> systems = run.getSpec().getSystems();
        for (int i = 0; i < systems.size(); i++) {
            named.put("spec.systems[" + i + "].image", systems.get(i).getImage());
        }
        List<BrokerSpec> brokers = run.getSpec().getBrokers();
        for (int i = 0; i < brokers.size(); i++) {
            if (brokers.get(i).getKafka() != null && brokers.get(i).getKafka().getImage() != null) {
                named.put(
                        "spec.brokers[" + i + "].kafka.image",
                        brokers.get(i).getKafka().getImage());
            }
        }
        List<DatabaseSpec> databases = run.getSpec().getDatabases();
        for (int i = 0; i < databases.size(); i++) {
            if (databases.get(i).getPostgres() != null
                    && databases.get(i).getPostgres().getImage() != null) {
                named.put(
                        "spec.databases[" + i + "].postgres.image",
                        databases.get(i).getPostgres().getImage());
            }
        }
        for (var image : named.entrySet()) {
            if (!allowed.isEmpty()
                    && !image.getKey().equals("spec.runner.image")
                    && !allows(allowed, image.getValue())) {
                return refused(image.getKey(), image.getValue(), notAllowed(allowed));
            }
            if (fence.requireDigest() && !pinnedByDigest(image.getValue())) {
                return refused(
                        image.getKey(),
                        image.getValue(),
                        "sit.images.require-digest asks every image to be pinned by digest (name@sha256:<64 hex>), "
                                + "so a tag moved after review cannot change what runs");
            }
        }
        return null;
    }

    /** name@sha256:&lt;64 lowercase hex&gt;: a reference no registry push can change. */
    public static boolean pinnedByDigest(String image) {
        return image != null && DIGEST.matcher(image).find();
    }

    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");

    private static String notAllowed(List<String> allowed) {
        return "sit.images.allowed only allows " + allowed;
    }

    private static Problem refused(String field, String image, String why) {
        return new Problem(RunReason.IMAGE_NOT_ALLOWED, field + ": image " + image + " is not allowed: " + why);
    }

    /** Whether any entry allows the image. */
    public static boolean allows(List<String> entries, String image) {
        if (image == null || image.isBlank()) {
            return false;
        }
        String reference = normalize(image);
        String repository = repository(reference);
        for (String entry : entries) {
            String e = normalize(entry);
            if (e.endsWith("/")
                    ? repository.startsWith(e)
                    : e.endsWith("*")
                            ? repository.startsWith(e.substring(0, e.length() - 1))
                            : isReference(e) ? reference.equals(e) : repository.equals(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Validates one configured entry (at start-up): it names a registry host and path, and a '*' only ends it.
     * Returns it trimmed.
     */
    public static String checkEntry(String entry) {
        String e = entry.trim();
        int star = e.indexOf('*');
        int slash = e.indexOf('/');
        String host = slash <= 0 ? "" : e.substring(0, slash);
        boolean namesHost = host.matches("[A-Za-z0-9.-]+(:[0-9]+)?")
                && (host.contains(".") || host.contains(":") || host.equals("localhost"));
        if (!namesHost) {
            throw new IllegalArgumentException("sit.images.allowed: '" + entry + "' must start with a registry host "
                    + "(e.g. ghcr.io/my-org/ or docker.io/library/postgres)");
        }
        if (star >= 0 && (star != e.length() - 1 || star <= slash + 1)) {
            throw new IllegalArgumentException("sit.images.allowed: '" + entry + "': '*' may only end an entry, "
                    + "after the registry host and a path");
        }
        if (e.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("sit.images.allowed: '" + entry + "' contains whitespace");
        }
        return e;
    }

    /**
     * The reference with its registry made explicit, as container runtimes resolve it: no host means Docker Hub,
     * and a one-part Docker Hub path means the library namespace.
     */
    public static String normalize(String image) {
        String ref = image.trim();
        int slash = ref.indexOf('/');
        String first = slash < 0 ? null : ref.substring(0, slash);
        boolean hasHost = first != null && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasHost) {
            ref = "docker.io/" + (slash < 0 ? "library/" : "") + ref;
        } else if (first.equals("index.docker.io")) {
            ref = "docker.io" + ref.substring(slash);
        }
        if (ref.startsWith("docker.io/") && ref.indexOf('/', "docker.io/".length()) < 0) {
            ref = "docker.io/library/" + ref.substring("docker.io/".length());
        }
        return ref;
    }

    /** The repository part of a normalised reference: without @digest and without :tag. */
    public static String repository(String reference) {
        String r = reference;
        int at = r.indexOf('@');
        if (at >= 0) {
            r = r.substring(0, at);
        }
        int colon = r.lastIndexOf(':');
        if (colon > r.lastIndexOf('/')) {
            r = r.substring(0, colon);
        }
        return r;
    }

    private static boolean isReference(String normalizedEntry) {
        return !repository(normalizedEntry).equals(normalizedEntry);
    }
}
