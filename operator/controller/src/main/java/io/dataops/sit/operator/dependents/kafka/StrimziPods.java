package io.dataops.sit.operator.dependents.kafka;

import io.dataops.sit.operator.dependents.Placement;
import io.dataops.sit.operator.dependents.PodSecurity;
import io.strimzi.api.kafka.model.common.template.ContainerTemplate;
import io.strimzi.api.kafka.model.common.template.PodTemplate;
import io.strimzi.api.kafka.model.common.template.StatefulPodTemplate;

/**
 * The Strimzi side of {@code RunPods}: Strimzi builds the broker and entity-operator pods itself, so the run's
 * placement and the restricted securityContext go into the custom resources' pod and container templates.
 * No uid: Strimzi's images declare a numeric non-root USER (1001).
 */
final class StrimziPods {

    private StrimziPods() {}

    static PodTemplate entityOperatorPod(Placement placement, PodTemplate pod) {
        PodTemplate p = pod == null ? new PodTemplate() : pod;
        if (!placement.tolerations().isEmpty()) {
            p.setTolerations(placement.tolerations());
        }
        p.setAffinity(placement.asAffinity());
        p.setSecurityContext(PodSecurity.pod(PodSecurity.TENANT));
        return p;
    }

    static StatefulPodTemplate brokerPod(Placement placement) {
        StatefulPodTemplate p = new StatefulPodTemplate();
        if (!placement.tolerations().isEmpty()) {
            p.setTolerations(placement.tolerations());
        }
        p.setAffinity(placement.asAffinity());
        p.setSecurityContext(PodSecurity.pod(PodSecurity.TENANT));
        return p;
    }

    static ContainerTemplate container() {
        ContainerTemplate c = new ContainerTemplate();
        c.setSecurityContext(PodSecurity.container(PodSecurity.TENANT));
        return c;
    }
}
