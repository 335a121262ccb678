package io.dataops.sit.operator.phase;

import static io.dataops.sit.operator.phase.SitRunStatusAggregatorTest.T0;
import static io.dataops.sit.operator.phase.SitRunStatusAggregatorTest.afterSeeds;
import static io.dataops.sit.operator.phase.SitRunStatusAggregatorTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.Phase;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunStatus;
import io.dataops.sit.api.v1alpha1.spec.CsvSeed;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.MaskFormat;
import io.dataops.sit.api.v1alpha1.spec.MaskedColumn;
import io.dataops.sit.api.v1alpha1.spec.MaskingSpec;
import io.dataops.sit.api.v1alpha1.spec.SecretKeyRef;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.status.MaskingStatus;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.phase.RunObservation.JobState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** status.databases[].masking from the seed result, and the DefaultMaskingKey condition from the spec. */
class MaskingStatusTest {

    private final SitRunStatusAggregator aggregator = new SitRunStatusAggregator(OperatorSettings.defaults());

    @Test
    void aPassedSeedsCoverageIsInTheDatabasesStatus() {
        SitRun run = runWith(maskingDatabase(new SecretKeyRef("mask-key", "key")));
        SeedResult seed = new SeedResult();
        seed.setOutcome(Outcome.PASSED);
        seed.setMasking(new SeedResult.MaskingReport(
                "Private",
                List.of("customer.email", "customer.phone"),
                List.of("customer.email", "customer.phone", "orders.customer_email"),
                List.of()));

        SitRunStatus s = afterSeeds(aggregator, run, Map.of("warehouse", seed), JobState.ABSENT, null);

        MaskingStatus masking = s.getDatabases().get(0).getMasking();
        assertThat(masking.getKey()).isEqualTo("Private");
        assertThat(masking.getDeclared()).isEqualTo(2);
        assertThat(masking.getMasked()).isEqualTo(3);
        assertThat(masking.getUnmasked()).isEmpty();
        assertThat(s.getDatabases().get(0).isSeeded()).isTrue();
    }

    @Test
    void aDeclaredColumnLeftUnmaskedEndsTheRunAsADataErrorNamingIt() {
        SitRun run = runWith(maskingDatabase(null));
        SeedResult seed = SeedResult.error(
                "warehouse",
                RunReason.PII_UNMASKED,
                "database warehouse: columns declared PII would be loaded unmasked: customer.phone");
        seed.setMasking(new SeedResult.MaskingReport(
                "Default",
                List.of("customer.email", "customer.phone"),
                List.of("customer.email"),
                List.of("customer.phone")));

        SitRunStatus s = afterSeeds(aggregator, run, Map.of("warehouse", seed), JobState.ABSENT, null);

        assertThat(s.getPhase()).isEqualTo(Phase.ERROR);
        assertThat(s.getReason()).isEqualTo("PiiUnmasked");
        assertThat(s.getMessage()).contains("customer.phone");
        MaskingStatus masking = s.getDatabases().get(0).getMasking();
        assertThat(masking.getUnmasked()).containsExactly("customer.phone");
        assertThat(masking.getKey()).isEqualTo("Default");
        assertThat(masking.getMasked()).isEqualTo(1);
    }

    @Test
    void anUnknownKeyValueFromTheSeedIsReportedAsDefaultNeverCopied() {
        SitRun run = runWith(maskingDatabase(null));
        SeedResult seed = new SeedResult();
        seed.setOutcome(Outcome.PASSED);
        seed.setMasking(new SeedResult.MaskingReport("s3cr3t-value", List.of(), List.of("customer.email"), List.of()));

        SitRunStatus s = afterSeeds(aggregator, run, Map.of("warehouse", seed), JobState.ABSENT, null);

        assertThat(s.getDatabases().get(0).getMasking().getKey()).isEqualTo("Default");
    }

    @Test
    void maskingWithThePublicDefaultKeyIsAWarningConditionFromTheFirstStatus() {
        SitRunStatus s = aggregator.start(runWith(maskingDatabase(null)), T0);

        var condition = s.condition(Conditions.DEFAULT_MASKING_KEY);
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isEqualTo("PublicDefaultKey");
        assertThat(condition.getMessage()).contains("[warehouse]", "maskingKeySecretRef");
    }

    @Test
    void aPrivateKeyClearsTheConditionAndARunThatMasksNothingHasNone() {
        SitRunStatus keyed = aggregator.start(runWith(maskingDatabase(new SecretKeyRef("mask-key", "key"))), T0);
        assertThat(keyed.condition(Conditions.DEFAULT_MASKING_KEY).getStatus()).isEqualTo("False");
        assertThat(keyed.condition(Conditions.DEFAULT_MASKING_KEY).getReason()).isEqualTo("PrivateKey");

        DatabaseSpec plain = new DatabaseSpec();
        plain.setName("warehouse");
        SitRunStatus none = aggregator.start(runWith(plain), T0);
        assertThat(none.getConditions()).noneMatch(c -> Conditions.DEFAULT_MASKING_KEY.equals(c.getType()));

        DatabaseSpec csvOnly = new DatabaseSpec();
        csvOnly.setName("warehouse");
        CsvSeed csv = new CsvSeed();
        csv.setTable("customer");
        csv.setMask(List.of("email"));
        SeedStep step = new SeedStep();
        step.setCsv(csv);
        csvOnly.setSeed(List.of(step));
        assertThat(aggregator
                        .start(runWith(csvOnly), T0)
                        .condition(Conditions.DEFAULT_MASKING_KEY)
                        .getStatus())
                .isEqualTo("True");
    }

    private static SitRun runWith(DatabaseSpec db) {
        SitRun run = run();
        run.getSpec().setDatabases(List.of(db));
        return run;
    }

    private static DatabaseSpec maskingDatabase(SecretKeyRef key) {
        DatabaseSpec db = new DatabaseSpec();
        db.setName("warehouse");
        db.setMaskingKeySecretRef(key);
        MaskingSpec masking = new MaskingSpec();
        masking.setPii(List.of("customer.email"));
        masking.setColumns(List.of(new MaskedColumn("customer", "email", MaskFormat.EMAIL)));
        db.setMasking(masking);
        return db;
    }
}
