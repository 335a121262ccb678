package io.dataops.sit.operator.dependents.postgres;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.MaskingPlan;
import io.dataops.sit.operator.phase.RunObservation.Problem;

/**
 * A column declared PII that nothing masks is known from the spec (MaskingPlan): the run ends before anything is
 * created, instead of after a namespace, a server and a seed Job. The seed checks the same before loading, for
 * local mode and for a spec this check never saw.
 */
public final class PiiCoverage {

    private PiiCoverage() {}

    public static Problem check(SitRun run) {
        for (DatabaseSpec db : run.getSpec().getDatabases()) {
            var unmasked = MaskingPlan.of(db).unmasked();
            if (!unmasked.isEmpty()) {
                return new Problem(
                        RunReason.PII_UNMASKED,
                        "database " + db.getName() + ": columns declared PII (masking.pii) would be loaded unmasked: "
                                + String.join(", ", unmasked)
                                + " (add them to masking.columns, or to the csv.mask of the step that last loads "
                                + "their table)");
            }
        }
        return null;
    }
}
