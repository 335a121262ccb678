package io.dataops.sit.operator.dependents.postgres;

import static io.dataops.sit.operator.dependents.TestRuns.database;
import static io.dataops.sit.operator.dependents.TestRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.DataCheck;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.DatasetSpec;
import io.dataops.sit.api.v1alpha1.spec.ManifestFile;
import io.dataops.sit.api.v1alpha1.spec.SchemaCheck;
import io.dataops.sit.operator.dependents.ReferencedConfigMaps;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dataset manifest's and a schema gate's ConfigMaps are copied into the run and mounted in the seed Job. */
class GateFilesTest {

    @Test
    void theManifestAndTheSchemaFileAreReferencedAndMountedLikeTheSeedFiles() {
        SitRun run = run("orders");
        DatabaseSpec db = database("warehouse");
        ManifestFile manifest = new ManifestFile();
        manifest.setConfigMapRef(new ConfigMapKeyRef("orders-manifest", "manifest.yaml"));
        DatasetSpec dataset = new DatasetSpec();
        dataset.setManifest(manifest);
        db.setDataset(dataset);
        SchemaCheck schema = new SchemaCheck();
        schema.setConfigMapRef(new ConfigMapKeyRef("orders-schema", "schema.yaml"));
        DataCheck check = new DataCheck();
        check.setSchema(schema);
        db.setChecks(List.of(check));
        run.getSpec().setDatabases(List.of(db));

        assertThat(SeedJobDependent.seedConfigMaps(db)).contains("orders-manifest", "orders-schema");
        assertThat(ReferencedConfigMaps.of(run)).contains("orders-manifest", "orders-schema");
    }
}
