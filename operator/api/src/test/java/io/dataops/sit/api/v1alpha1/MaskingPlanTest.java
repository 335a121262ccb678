package io.dataops.sit.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.spec.CsvSeed;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.GenerateSeed;
import io.dataops.sit.api.v1alpha1.spec.MaskFormat;
import io.dataops.sit.api.v1alpha1.spec.MaskedColumn;
import io.dataops.sit.api.v1alpha1.spec.MaskingPlan;
import io.dataops.sit.api.v1alpha1.spec.MaskingSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SqlSeed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which columns a seed masks, and where, from the spec alone. */
class MaskingPlanTest {

    @Test
    void aCsvMaskCountsWhenItsStepWritesTheTableLastAndTakesTheDeclaredFormat() {
        DatabaseSpec db = db(
                List.of(sql(), csv("customer", "email", "phone")),
                List.of("customer.email", "public.customer.PHONE"),
                new MaskedColumn("customer", "email", MaskFormat.EMAIL),
                new MaskedColumn("orders", "customer_email", MaskFormat.EMAIL));

        MaskingPlan plan = MaskingPlan.of(db);

        assertThat(plan.maskedWhileLoading())
                .containsExactly(
                        new MaskingPlan.Column("customer", "email", MaskFormat.EMAIL),
                        new MaskingPlan.Column("customer", "phone", MaskFormat.AUTO));
        assertThat(plan.maskedInPlace())
                .containsExactly(new MaskingPlan.Column("orders", "customer_email", MaskFormat.EMAIL));
        assertThat(plan.unmasked()).isEmpty();
        assertThat(plan.masked()).containsExactly("customer.email", "customer.phone", "orders.customer_email");
        assertThat(db.masksColumns()).isTrue();
    }

    @Test
    void aLaterSqlOrGenerateStepVoidsTheCsvsMaskingAndAnInPlaceEntryTakesOver() {
        DatabaseSpec voidedBySql = db(
                List.of(csv("customer", "email"), sql()),
                List.of("customer.email"),
                new MaskedColumn("customer", "email", MaskFormat.EMAIL));
        MaskingPlan plan = MaskingPlan.of(voidedBySql);
        assertThat(plan.maskedWhileLoading()).isEmpty();
        assertThat(plan.maskedInPlace())
                .extracting(MaskingPlan.Column::qualified)
                .containsExactly("customer.email");
        assertThat(plan.unmasked()).isEmpty();

        GenerateSeed generate = new GenerateSeed();
        generate.setTable("customer");
        SeedStep regenerated = new SeedStep();
        regenerated.setGenerate(generate);
        MaskingPlan replaced =
                MaskingPlan.of(db(List.of(csv("customer", "email"), regenerated), List.of("customer.email")));
        assertThat(replaced.unmasked()).containsExactly("customer.email");
    }

    @Test
    void declaredColumnsNothingMasksAreUnmaskedAndInPlaceEntriesAreGroupedByTable() {
        MaskingPlan plan = MaskingPlan.of(db(
                List.of(sql()),
                List.of("customer.email", "customer.email", "customer.card"),
                new MaskedColumn("customer", "email", null),
                new MaskedColumn("public.customer", "name", MaskFormat.NAME)));

        assertThat(plan.declared()).containsExactly("customer.email", "customer.card");
        assertThat(plan.unmasked()).containsExactly("customer.card");
        assertThat(plan.maskedInPlaceByTable()).containsOnlyKeys("customer");
        assertThat(plan.maskedInPlaceByTable().get("customer"))
                .extracting(MaskingPlan.Column::as)
                .containsExactly(MaskFormat.AUTO, MaskFormat.NAME);
        assertThat(MaskingPlan.of(db(List.of(sql()), List.of())).isEmpty()).isTrue();
    }

    private static DatabaseSpec db(List<SeedStep> steps, List<String> pii, MaskedColumn... columns) {
        DatabaseSpec db = new DatabaseSpec();
        db.setName("warehouse");
        db.setSeed(steps);
        MaskingSpec masking = new MaskingSpec();
        masking.setPii(pii);
        masking.setColumns(List.of(columns));
        db.setMasking(masking);
        return db;
    }

    private static SeedStep sql() {
        SqlSeed sql = new SqlSeed();
        sql.setInline("SELECT 1");
        SeedStep step = new SeedStep();
        step.setSql(sql);
        return step;
    }

    private static SeedStep csv(String table, String... mask) {
        CsvSeed csv = new CsvSeed();
        csv.setTable(table);
        csv.setInline("x");
        csv.setMask(List.of(mask));
        SeedStep step = new SeedStep();
        step.setCsv(csv);
        return step;
    }
}
