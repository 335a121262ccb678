package io.dataops.sit.operator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.CsvSeed;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.RunnerSpec;
import io.dataops.sit.api.v1alpha1.spec.SecretKeyRef;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.dependents.postgres.SeedJobDependent;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Secret keys a run references, reserved names, and the masking key's fence. */
class SecretCopiesTest {

    static SitRun run() {
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName("orders")
                .withNamespace("team-a")
                .withUid("u")
                .build());
        SitRunSpec spec = new SitRunSpec();
        spec.setRunner(new RunnerSpec());
        run.setSpec(spec);
        return run;
    }

    static EnvVar fromSecret(String name, String key, Boolean optional) {
        return new EnvVarBuilder()
                .withName("X")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(name)
                .withKey(key)
                .withOptional(optional)
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    static DatabaseSpec maskingDatabase(SecretKeyRef key) {
        DatabaseSpec db = new DatabaseSpec();
        db.setName("warehouse");
        CsvSeed csv = new CsvSeed();
        csv.setTable("customers");
        csv.setMask(List.of("email"));
        SeedStep step = new SeedStep();
        step.setCsv(csv);
        db.setSeed(List.of(step));
        db.setMaskingKeySecretRef(key);
        return db;
    }

    @Test
    void runnerSystemAndMaskingReferencesAreCollectedWithRequiredness() {
        SitRun run = run();
        run.getSpec()
                .getRunner()
                .setEnv(List.of(
                        fromSecret("api", "token", null),
                        fromSecret("api", "opt", true),
                        new EnvVar("PLAIN", "v", null)));
        SystemSpec system = new SystemSpec();
        system.setEnv(List.of(fromSecret("api", "opt", false), fromSecret("other", "k", true)));
        run.getSpec().setSystems(List.of(system));
        run.getSpec().setDatabases(List.of(maskingDatabase(new SecretKeyRef("mask", "key"))));

        assertThat(ReferencedSecrets.of(run))
                .isEqualTo(Map.of(
                        "api", Map.of("token", true, "opt", true),
                        "other", Map.of("k", false),
                        "mask", Map.of("key", true)));
    }

    @Test
    void operatorNamesAreReserved() {
        SitRun run = run();
        run.getSpec().setDatabases(List.of(maskingDatabase(null)));
        assertThat(SecretCopies.reserved(run, "sit-aws-credentials")).isTrue();
        assertThat(SecretCopies.reserved(run, "warehouse-postgres-credentials")).isTrue();
        assertThat(SecretCopies.reserved(run, "")).isTrue();
        assertThat(SecretCopies.reserved(run, "orders-api")).isFalse();
    }

    @Test
    void maskingWithoutKeyIsRefusedOnlyWhenTheAdminRequiresAKey() {
        SitRun run = run();
        run.getSpec().setDatabases(List.of(maskingDatabase(null)));
        var lenient = new OperatorSettings.SecretsFence("sit-system", "sit-aws-roles", "sit", true, false);
        var strict = new OperatorSettings.SecretsFence("sit-system", "sit-aws-roles", "sit", true, true);

        assertThat(SecretCopies.unkeyedMasking(run)).containsExactly("warehouse");
        assertThat(SecretCopies.plan(null, run, lenient, OperatorSettings.OperatorIdentity.DEFAULT)
                        .problem())
                .isNull();
        assertThat(SecretCopies.plan(null, run, strict, OperatorSettings.OperatorIdentity.DEFAULT)
                        .problem())
                .satisfies(p -> {
                    assertThat(p.reason()).isEqualTo(RunReason.MASKING_KEY_MISSING.value());
                    assertThat(p.message()).contains("warehouse", "maskingKeySecretRef");
                });
    }

    @Test
    void seedJobGetsTheMaskingKeyAsSecretKeyRefNeverAsValue() {
        DatabaseSpec db = maskingDatabase(new SecretKeyRef("mask", "key"));
        List<EnvVar> env = SeedJobDependent.withMaskingKey(List.of(), db);
        assertThat(env).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("SIT_MASK_KEY");
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mask");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("key");
        });
        assertThat(SeedJobDependent.withMaskingKey(List.of(), maskingDatabase(null)))
                .isEmpty();
    }
}
