package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.Labels;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.operator.naming.RunNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;

/**
 * Metadata of an object in the run namespace: deterministic name, the run's labels, its component and, for an
 * object of one declared broker, database or system, that entry's name as instance label. One argument order
 * for both: run, name, component[, instance].
 */
public final class RunScoped {

    private RunScoped() {}

    public static ObjectMeta metadata(SitRun run, String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(RunNames.namespace(run))
                .withLabels(RunNames.labels(run, component))
                // JOSDK writes its primary-mapping annotations into this map: it must exist and be mutable.
                .withAnnotations(new HashMap<>())
                .build();
    }

    public static ObjectMeta metadata(SitRun run, String name, String component, String instance) {
        ObjectMeta meta = metadata(run, name, component);
        meta.getLabels().put(Labels.INSTANCE, instance);
        return meta;
    }
}
