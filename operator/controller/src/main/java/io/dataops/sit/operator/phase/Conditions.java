package io.dataops.sit.operator.phase;

import io.dataops.sit.api.Redaction;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** metav1.Condition upkeep: lastTransitionTime changes only when status changes. */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String FINISHED = "Finished";
    public static final String SUCCEEDED = "Succeeded";
    public static final String SPEC_CHANGED_AFTER_FINISH = "SpecChangedAfterFinish";
    /** True while a database masks with the public default key (a warning); absent when nothing is masked. */
    public static final String DEFAULT_MASKING_KEY = "DefaultMaskingKey";
    /** With spec.imageConsistency: False when the systems' images come from different builds; absent without. */
    public static final String IMAGES_CONSISTENT = "ImagesConsistent";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private Conditions() {}

    public static void set(
            List<Condition> conditions,
            String type,
            String status,
            String reason,
            String message,
            Long generation,
            Instant now) {
        Condition existing = conditions.stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElse(null);
        String transition = existing != null
                        && Objects.equals(existing.getStatus(), status)
                        && existing.getLastTransitionTime() != null
                ? existing.getLastTransitionTime()
                : Timestamps.format(now);
        Condition updated = new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message == null ? "" : Redaction.safe(message))
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build();
        if (existing == null) {
            conditions.add(updated);
        } else {
            conditions.set(conditions.indexOf(existing), updated);
        }
    }
}
