package io.dataops.sit.runner.seed;

import static io.dataops.sit.runner.postgres.RealPostgres.query;
import static io.dataops.sit.runner.seed.SeederTest.csvInline;
import static io.dataops.sit.runner.seed.SeederTest.csvRef;
import static io.dataops.sit.runner.seed.SeederTest.database;
import static io.dataops.sit.runner.seed.SeederTest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.DataCheck;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.DatasetSpec;
import io.dataops.sit.api.v1alpha1.spec.ForeignKeyCheck;
import io.dataops.sit.api.v1alpha1.spec.ManifestFile;
import io.dataops.sit.api.v1alpha1.spec.MigrationCheck;
import io.dataops.sit.api.v1alpha1.spec.SchemaCheck;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SqlSeed;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.postgres.RealPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gates beyond counts (schema drift, migration version, across databases), the per-gate report and the dataset
 * manifest, against real PostgreSQL servers: two of them, as a run with two databases has.
 */
class DataGatesTest {

    /** Both databases on one server: the gates reach each through its own connection, as across servers. */
    @RegisterExtension
    static final RealPostgres postgres = new RealPostgres();

    private static final String ORDERS_SCHEMA = """
            CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, customer_id bigint, email varchar(64),
                                               amount numeric(10,2), created_at timestamptz, legacy text);
            """;
    private static final String ORDERS_CSV = "id,customer_id,email,amount,created_at,legacy\n"
            + "1,10,a@x.org,5.00,2026-01-01T00:00:00Z,\n2,11,b@x.org,7.50,2026-01-02T00:00:00Z,\n"
            + "3,,c@x.org,1.00,2026-01-03T00:00:00Z,\n";

    @TempDir
    Path fixturesRoot;

    private DatabaseConnection ordersDb;
    private DatabaseConnection crmDb;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void freshDatabases() throws SQLException {
        ordersDb = postgres.freshDatabase("orders");
        crmDb = postgres.freshDatabase("crm");
    }

    @Test
    void everyGateReportsItsTypeWhatItMeasuredAndWhatItExpected() throws Exception {
        DataCheck rows = new DataCheck();
        rows.setTable("orders");
        rows.setMinRows(5L);
        DataCheck sqlGate = new DataCheck();
        sqlGate.setSql("SELECT count(*) = 3 FROM orders");
        DataCheck customers = new DataCheck();
        customers.setTable("orders");
        ForeignKeyCheck self = new ForeignKeyCheck();
        self.setColumn("id");
        self.setReferences("orders.id");
        customers.setForeignKey(self);

        SeedResult result = seeder().seed(
                        with(
                                database(List.of(sql(ORDERS_SCHEMA), csvInline("orders", ORDERS_CSV)), List.of(rows)),
                                sqlGate,
                                customers),
                        ordersDb);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getGates())
                .extracting(
                        SeedResult.GateResult::type,
                        SeedResult.GateResult::passed,
                        SeedResult.GateResult::observed,
                        SeedResult.GateResult::expected)
                .containsExactly(
                        tuple("rowCount", false, "3 rows", ">= 5"),
                        tuple("sql", true, "t", "true"),
                        tuple("foreignKey", true, "0 orphan row(s)", "0 orphan rows"));
    }

    @Test
    void schemaDriftNamesTheColumnsMissingExtraAndOfAnotherType() throws Exception {
        writeFixture("orders-fixtures", "schema.yaml", """
                tables:
                  orders:
                    id: int8                 # PostgreSQL's own spellings are canonicalised by the server
                    customer_id: integer     # another type
                    email: varchar(64)
                    amount: numeric(12,2)    # another precision
                    created_at: timestamptz
                    note: text               # missing
                  refunds:                   # a whole table missing
                    id: bigint
                """);
        SeedResult drifted = seeder().seed(withSchema("schema.yaml", false), ordersDb);

        assertThat(drifted.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(drifted.getReason()).isEqualTo("GateFailed");
        SeedResult.GateResult gate = drifted.getGates().get(0);
        assertThat(gate.type()).isEqualTo("schema");
        assertThat(gate.observed()).isEqualTo("2 missing, 1 extra, 2 of another type");
        assertThat(gate.message())
                .isEqualTo("missing: orders.note, table refunds; extra: orders.legacy text; other type: "
                        + "orders.customer_id is bigint, expected integer, orders.amount is numeric(10,2), expected "
                        + "numeric(12,2)");
        assertThat(gate.name()).isEqualTo("schema matches configmap orders-fixtures/schema.yaml");

        // The same table in other spellings, a type without precision, the extra column allowed: no drift.
        writeFixture("orders-fixtures", "schema-ok.json", """
                {"tables": {"public.orders": {"id": "bigint", "customer_id": "int8", "email": "character varying",
                 "amount": "numeric", "created_at": "timestamp with time zone"}}}
                """);
        SeedResult matching = seeder().seed(withSchema("schema-ok.json", true), ordersDb);
        assertThat(matching.getOutcome()).as(matching.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(matching.getGates().get(0).observed()).isEqualTo("matches");

        writeFixture("orders-fixtures", "schema-bad.yaml", "tables: {orders: {id: bigintt}}\n");
        SeedResult unknownType = seeder().seed(withSchema("schema-bad.yaml", true), ordersDb);
        assertThat(unknownType.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(unknownType.getReason()).isEqualTo("BadInput");
        assertThat(unknownType.getMessage()).contains("orders.id", "bigintt");
    }

    @Test
    void theMigrationVersionComesFromFlywayFromSchemaMigrationsOrFromAQuery() throws Exception {
        String flyway = """
                CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank int PRIMARY KEY, version text,
                                                                  success boolean);
                INSERT INTO flyway_schema_history VALUES (1, '1', true), (2, '2', true), (3, '3', false),
                                                         (4, NULL, true) ON CONFLICT DO NOTHING;
                """;
        SeedResult atTwo = seeder().seed(database(List.of(sql(flyway)), List.of(migration("2", null))), ordersDb);
        assertThat(atTwo.getOutcome()).as(atTwo.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(atTwo.getGates().get(0).message())
                .isEqualTo("migration version 2 (from flyway_schema_history), expected 2");

        SeedResult wantsThree = seeder().seed(database(List.of(sql(flyway)), List.of(migration("3", null))), ordersDb);
        assertThat(wantsThree.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(wantsThree.getGates().get(0))
                .extracting(
                        SeedResult.GateResult::type, SeedResult.GateResult::observed, SeedResult.GateResult::expected)
                .containsExactly("migrationVersion", "2", "3");

        String rails = "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar PRIMARY KEY);"
                + " INSERT INTO schema_migrations VALUES ('20260101000000'), ('20261201000000') ON CONFLICT DO NOTHING;";
        SeedResult railsAt =
                seeder().seed(database(List.of(sql(rails)), List.of(migration("20261201000000", null))), crmDb);
        assertThat(railsAt.getOutcome()).as(railsAt.getMessage()).isEqualTo(Outcome.PASSED);

        SeedResult byQuery = seeder().seed(database(List.of(sql(rails)), List.of(migration("7", "SELECT '7'"))), crmDb);
        assertThat(byQuery.getOutcome()).isEqualTo(Outcome.PASSED);

        SeedResult none = seeder().seed(
                        database(List.of(sql("SELECT 1")), List.of(migration("1", null))),
                        postgres.freshDatabase("empty"));
        assertThat(none.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(none.getGates().get(0).observed()).isEqualTo("no migration table");
    }

    @Test
    void aManifestThatMatchesIsRecordedAndItsVersionAndMigrationApply() throws Exception {
        writeFixture("orders-fixtures", "orders.csv", ORDERS_CSV);
        writeFixture("orders-schema", "schema.sql", ORDERS_SCHEMA + FLYWAY_AT_5);
        String manifest = """
                version: orders-golden-v3
                files:
                  - key: orders.csv
                    sha256: %s
                  - configMap: orders-schema
                    key: schema.sql
                    sha256: %s
                expects:
                  appVersion: 1.4.2
                  migrationVersion: "5"
                """.formatted(sha256(ORDERS_CSV), sha256(ORDERS_SCHEMA + FLYWAY_AT_5));
        writeFixture("orders-fixtures", "manifest.yaml", manifest);

        SeedResult result = seeder().seed(withManifest(null), ordersDb);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getDatasetVersion()).isEqualTo("orders-golden-v3"); // none declared: the manifest's
        assertThat(result.getDataset())
                .isEqualTo(new SeedResult.DatasetResult(
                        "orders-golden-v3",
                        "configmap orders-fixtures/manifest.yaml",
                        sha256(manifest),
                        2,
                        "1.4.2",
                        "5",
                        null));
        assertThat(result.getGates())
                .singleElement()
                .satisfies(g -> assertThat(g.name()).isEqualTo("dataset orders-golden-v3: migration version 5"))
                .satisfies(g -> assertThat(g.passed()).isTrue());
        assertThat(query(ordersDb, "SELECT DISTINCT dataset_version FROM " + Seeder.HISTORY_TABLE))
                .containsExactly("orders-golden-v3");
    }

    @Test
    void driftFailsBeforeAnyRowIsLoadedNamingTheFile() throws Exception {
        writeFixture("orders-fixtures", "orders.csv", ORDERS_CSV + "4,12,d@x.org,2.00,2026-01-04T00:00:00Z,\n");
        writeFixture("orders-schema", "schema.sql", ORDERS_SCHEMA);
        writeFixture("orders-fixtures", "manifest.yaml", """
                version: orders-golden-v3
                files:
                  - {key: orders.csv, sha256: %s}
                """.formatted(sha256(ORDERS_CSV)));

        SeedResult result = seeder().seed(withManifest("orders-golden-v4"), ordersDb);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("DatasetDrift");
        assertThat(result.getMessage())
                .contains("orders-fixtures/orders.csv has sha256 ", ", the manifest says " + sha256(ORDERS_CSV))
                .contains("seed step 0 reads orders-schema/schema.sql, which the manifest does not list")
                .contains("datasetVersion is orders-golden-v4, the manifest's version is orders-golden-v3");
        assertThat(result.getDataset().drift()).isEqualTo(result.getMessage().substring("database orders: ".length()));
        assertThat(result.getDataset().version()).isEqualTo("orders-golden-v3");
        // nothing was written: not even the seed history table
        assertThat(query(
                        ordersDb,
                        "SELECT count(*) FROM pg_tables WHERE tablename IN ('orders', '" + Seeder.HISTORY_TABLE + "')"))
                .containsExactly("0");

        writeFixture("orders-fixtures", "manifest.yaml", "version: v1\nfiles: []\nsurprise: 1\n");
        SeedResult notAManifest = seeder().seed(withManifest(null), ordersDb);
        assertThat(notAManifest.getReason()).isEqualTo("BadInput");
        assertThat(notAManifest.getMessage()).contains("manifest.yaml", "surprise");
    }

    @Test
    void aForeignKeyIntoAnotherDatabaseIsCheckedAcrossTheTwoServers() throws Exception {
        seedPlain(
                crmDb,
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text);"
                        + " INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 2500) g;");
        // 2,500 references (more than a lookup batch): two values missing from crm, one of them on two rows
        seedPlain(
                ordersDb,
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);"
                        + " INSERT INTO orders SELECT g, g FROM generate_series(1, 2500) g;"
                        + " INSERT INTO orders VALUES (2501, 9001), (2502, 9001), (2503, 9002), (2504, NULL);");
        DataCheck check = new DataCheck();
        check.setTable("orders");
        ForeignKeyCheck fk = new ForeignKeyCheck();
        fk.setColumn("customer_id");
        fk.setReferences("customers.id");
        fk.setDatabase("crm");
        check.setForeignKey(fk);
        DatabaseSpec ordersSpec = database(List.of(), List.of(check));
        ordersSpec.setName("orders");
        DatabaseSpec crmSpec = database(List.of(), List.of());
        crmSpec.setName("crm");
        Map<String, DatabaseConnection> connections = Map.of("orders", ordersDb, "crm", crmDb);

        // The seed Job of orders leaves it to the runner: it cannot reach crm, and crm may not be seeded yet.
        assertThat(seeder().seed(ordersSpec, ordersDb).getGates()).isEmpty();
        assertThat(CrossDatabaseGates.any(List.of(ordersSpec, crmSpec))).isTrue();

        List<SeedResult.GateResult> failed =
                CrossDatabaseGates.check(List.of(ordersSpec, crmSpec), connections::get, progress());
        assertThat(failed).singleElement().satisfies(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.database()).isEqualTo("orders");
            assertThat(g.type()).isEqualTo("crossDatabaseForeignKey");
            assertThat(g.name()).isEqualTo("orders.customer_id references crm:customers.id");
            assertThat(g.observed()).isEqualTo("3 orphan row(s)");
            assertThat(g.message())
                    .isEqualTo("3 row(s) of orders (2 of 2502 distinct value(s)) have a customer_id missing from "
                            + "crm:customers.id, expected 0");
        });

        seedPlain(crmDb, "INSERT INTO customers VALUES (9001, 'late'), (9002, 'later');");
        assertThat(CrossDatabaseGates.check(List.of(ordersSpec, crmSpec), connections::get, progress()))
                .singleElement()
                .satisfies(g -> assertThat(g.passed()).isTrue());

        fk.setReferences("customer.id"); // no such table in crm: the SitRun's mistake
        assertThatThrownBy(() -> CrossDatabaseGates.check(List.of(ordersSpec, crmSpec), connections::get, progress()))
                .isInstanceOfSatisfying(
                        SeedException.class, e -> assertThat(e.reason()).isEqualTo("BadSpec"))
                .hasMessageContaining("customer");
    }

    private static final String FLYWAY_AT_5 = """
            CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank int PRIMARY KEY, version text,
                                                              success boolean);
            INSERT INTO flyway_schema_history VALUES (1, '5', true) ON CONFLICT DO NOTHING;
            """;

    private DatabaseSpec withManifest(String datasetVersion) {
        DatabaseSpec spec = database(
                List.of(sqlRef("orders-schema", "schema.sql"), csvRef("orders", "orders-fixtures", "orders.csv")),
                List.of());
        spec.setName("orders");
        spec.setDatasetVersion(datasetVersion);
        ManifestFile manifest = new ManifestFile();
        manifest.setConfigMapRef(new ConfigMapKeyRef("orders-fixtures", "manifest.yaml"));
        DatasetSpec dataset = new DatasetSpec();
        dataset.setManifest(manifest);
        spec.setDataset(dataset);
        return spec;
    }

    private DatabaseSpec withSchema(String key, boolean allowExtra) {
        SchemaCheck schema = new SchemaCheck();
        schema.setConfigMapRef(new ConfigMapKeyRef("orders-fixtures", key));
        schema.setAllowExtraColumns(allowExtra);
        DataCheck check = new DataCheck();
        check.setSchema(schema);
        return database(List.of(sql(ORDERS_SCHEMA), csvInline("orders", ORDERS_CSV)), List.of(check));
    }

    private static DatabaseSpec with(DatabaseSpec spec, DataCheck... more) {
        spec.getChecks().addAll(List.of(more));
        return spec;
    }

    private static DataCheck migration(String version, String query) {
        MigrationCheck migration = new MigrationCheck();
        migration.setVersion(version);
        migration.setQuery(query);
        DataCheck check = new DataCheck();
        check.setMigration(migration);
        return check;
    }

    private static SeedStep sqlRef(String configMap, String key) {
        SqlSeed sql = new SqlSeed();
        sql.setConfigMapRef(new ConfigMapKeyRef(configMap, key));
        SeedStep step = new SeedStep();
        step.setSql(sql);
        return step;
    }

    private static void seedPlain(DatabaseConnection db, String script) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute(script);
        }
    }

    private Seeder seeder() {
        return new Seeder(new ConfigMapFolderFixtures(fixturesRoot), progress(), new Masker("test-key"));
    }

    private PrintStream progress() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private void writeFixture(String configMap, String key, String content) throws IOException {
        Files.createDirectories(fixturesRoot.resolve(configMap));
        Files.writeString(fixturesRoot.resolve(configMap).resolve(key), content);
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }
}
