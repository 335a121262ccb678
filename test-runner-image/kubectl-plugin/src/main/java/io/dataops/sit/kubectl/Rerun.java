package io.dataops.sit.kubectl;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The rerun request itself, kept out of the command class so picocli's reflection loads no client classes. */
final class Rerun {

    private Rerun() {}

    /** Sets spec.rerunToken to the current UTC time (unique per millisecond; the patch touches nothing else). */
    static String request(Kube kube, String name) {
        String token = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        kube.sitRuns()
                .inNamespace(kube.namespace())
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"rerunToken\":\"" + token + "\"}}");
        return token;
    }
}
