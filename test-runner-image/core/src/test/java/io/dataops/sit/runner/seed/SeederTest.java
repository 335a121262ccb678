package io.dataops.sit.runner.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.ColumnCheck;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.CsvSeed;
import io.dataops.sit.api.v1alpha1.spec.DataCheck;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.ForeignKeyCheck;
import io.dataops.sit.api.v1alpha1.spec.GenerateSeed;
import io.dataops.sit.api.v1alpha1.spec.PostgresSpec;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Seeding against a real PostgreSQL server (one per class, a fresh database per test). */
class SeederTest {

    @RegisterExtension
    static final RealPostgres postgres = new RealPostgres();

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS currency (code text PRIMARY KEY, name text NOT NULL);
            CREATE TABLE IF NOT EXISTS customer (id bigint PRIMARY KEY, email text NOT NULL, phone text);
            CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, customer_email text, currency_code text,
                                               amount numeric);
            -- a dollar-quoted body with semicolons inside, to show the script splitting copes with it
            CREATE OR REPLACE FUNCTION order_total() RETURNS numeric AS $body$
              SELECT coalesce(sum(amount), 0) FROM orders; $body$ LANGUAGE sql;
            """;
    private static final String CURRENCY_CSV = "code,name\nEUR,Euro\nUSD,US dollar\nGBP,\"Pound, sterling\"\n";

    @TempDir
    Path fixturesRoot;

    private DatabaseConnection connection;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void freshDatabase() throws SQLException {
        connection = postgres.freshDatabase("warehouse");
    }

    @Test
    void seedingTwiceIsANoOpAndTheHistoryRecordsTheDatasetVersion() throws Exception {
        DatabaseSpec spec = database(sql(SCHEMA), csvInline("currency", CURRENCY_CSV));
        spec.setDatasetVersion("orders-golden-v3");

        SeedResult first = seeder().seed(spec, connection);
        SeedResult second = seeder().seed(spec, connection);

        assertThat(first.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(second.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(first.getTotalRows()).isEqualTo(3);
        assertThat(second.getTables()).containsExactly(new SeedResult.TableRows("currency", 3));
        assertThat(second.getDatasetVersion()).isEqualTo("orders-golden-v3");
        assertThat(query("SELECT count(*) FROM currency")).containsExactly("3");
        assertThat(query("SELECT step_index || ':' || kind || ':' || dataset_version || ':' || rows FROM "
                        + Seeder.HISTORY_TABLE + " ORDER BY step_index"))
                .containsExactly("0:sql:orders-golden-v3:0", "1:csv:orders-golden-v3:3");
        assertThat(log.toString()).contains("step 1 (csv inline -> currency) unchanged since it was applied, skipped");
    }

    @Test
    void generatedRowsFollowTheColumnsAndTheSeed() throws Exception {
        String schema = """
                CREATE TYPE tier AS ENUM ('bronze', 'silver', 'gold');
                CREATE TABLE shopper (
                  id bigserial PRIMARY KEY, email varchar(120) NOT NULL UNIQUE, first_name text NOT NULL,
                  city varchar(8), level tier NOT NULL, credit numeric(7,2) NOT NULL, joined date,
                  active boolean NOT NULL, ref uuid NOT NULL, created timestamptz DEFAULT now(), country char(2) NOT NULL);
                """;
        DatabaseSpec spec = database(sql(schema), generate("shopper", 2000, 42, Map.of("country", "one of BE, NL")));

        SeedResult result = seeder().seed(spec, connection);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getTables()).containsExactly(new SeedResult.TableRows("shopper", 2000));
        assertThat(query("SELECT count(DISTINCT email) FROM shopper")).containsExactly("2000");
        assertThat(query("SELECT count(*) FROM shopper WHERE length(city) > 8 OR credit > 99999.99"))
                .containsExactly("0");
        assertThat(query("SELECT DISTINCT country FROM shopper ORDER BY 1")).containsExactly("BE", "NL");
        assertThat(query("SELECT count(*) > 100 FROM shopper WHERE city IS NULL OR joined IS NULL"))
                .as("optional columns are sometimes empty")
                .containsExactly("t");
        assertThat(query("SELECT count(*) FROM shopper WHERE created IS NULL"))
                .as("a column with a default is the database's")
                .containsExactly("0");
        List<String> first = query("SELECT email || level || credit || ref FROM shopper ORDER BY id LIMIT 5");

        // the same seed on a fresh table: the same rows
        seeder().seed(
                        database(
                                sql("DROP TABLE shopper; DROP TYPE tier;\n" + schema),
                                generate("shopper", 2000, 42, Map.of("country", "one of BE, NL"))),
                        connection);
        assertThat(query("SELECT email || level || credit || ref FROM shopper ORDER BY id LIMIT 5"))
                .containsExactlyElementsOf(first);
    }

    @Test
    void generatingIntoAMissingTableOrAnUnknownColumnIsBadSpec() throws Exception {
        SeedResult missing = seeder().seed(database(generate("nowhere", 5, 1, Map.of())), connection);
        assertThat(missing.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(missing.getReason()).isEqualTo("BadSpec");
        assertThat(missing.getMessage()).contains("nowhere").contains("does not exist");

        SeedResult unknown =
                seeder().seed(database(sql(SCHEMA), generate("currency", 5, 1, Map.of("colour", "red"))), connection);
        assertThat(unknown.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(unknown.getMessage()).contains("colour").contains("code").contains("name");
    }

    private static SeedStep generate(String table, long rows, long seed, Map<String, String> columns) {
        GenerateSeed generate = new GenerateSeed();
        generate.setTable(table);
        generate.setRows(rows);
        generate.setSeed(seed);
        generate.setColumns(new LinkedHashMap<>(columns));
        SeedStep step = new SeedStep();
        step.setGenerate(generate);
        return step;
    }

    @Test
    void changedCsvReplacesTheRowsInsteadOfAddingThem() throws Exception {
        seeder().seed(database(sql(SCHEMA), csvInline("currency", CURRENCY_CSV)), connection);

        SeedResult changed =
                seeder().seed(database(sql(SCHEMA), csvInline("currency", "code,name\nCHF,Franc\n")), connection);

        assertThat(changed.getOutcome()).isEqualTo(Outcome.PASSED);
        assertThat(query("SELECT code FROM currency")).containsExactly("CHF");
        assertThat(query("SELECT count(*) FROM " + Seeder.HISTORY_TABLE + " WHERE step_index = 1"))
                .containsExactly("2");
    }

    @Test
    void csvFromAConfigMapFileIsLoadedWithCopy() throws Exception {
        int rows = 250_000;
        StringBuilder csv = new StringBuilder("id,email,phone\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i)
                    .append(",user")
                    .append(i)
                    .append("@example.com,")
                    .append(i % 3 == 0 ? "" : "0612345678")
                    .append('\n');
        }
        writeFixture("golden", "customer.csv", csv.toString());

        SeedResult result =
                seeder().seed(database(sql(SCHEMA), csvRef("customer", "golden", "customer.csv")), connection);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(result.getTotalRows()).isEqualTo(rows);
        assertThat(query("SELECT count(*) FROM customer WHERE phone IS NULL"))
                .containsExactly(String.valueOf(rows / 3));
        // progress is visible while loading, not only at the end
        assertThat(log.toString())
                .containsPattern("customer: 1[0-9][0-9],[0-9]{3} rows sent")
                .contains("customer: 250,000 rows loaded (done)");
    }

    @Test
    void aFailedRowCountGateFailsTheSeedNamingTheGateAndTheNumbers() throws Exception {
        DataCheck enough = new DataCheck();
        enough.setTable("currency");
        enough.setMinRows(10L);
        DataCheck named = new DataCheck();
        named.setName("some currencies");
        named.setTable("currency");
        named.setMinRows(1L);

        SeedResult result = seeder().seed(
                        database(List.of(sql(SCHEMA), csvInline("currency", CURRENCY_CSV)), List.of(enough, named)),
                        connection);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getReason()).isEqualTo("GateFailed");
        assertThat(result.getMessage()).isEqualTo("currency rows >= 10: currency has 3 rows, expected >= 10");
        assertThat(result.getGates())
                .extracting(SeedResult.GateResult::name, SeedResult.GateResult::passed)
                .containsExactly(Tuple.tuple("currency rows >= 10", false), Tuple.tuple("some currencies", true));
    }

    @Test
    void foreignKeyCompletenessCatchesAnOrphanAndSqlGatesMustReturnTrue() throws Exception {
        String orders = "id,customer_email,currency_code,amount\n1,a@x.org,EUR,10\n2,b@x.org,XXX,5\n3,c@x.org,,7\n";
        DataCheck fk = new DataCheck();
        fk.setTable("orders");
        ForeignKeyCheck ref = new ForeignKeyCheck();
        ref.setColumn("currency_code");
        ref.setReferences("currency.code");
        fk.setForeignKey(ref);
        DataCheck total = new DataCheck();
        total.setName("order total is 22");
        total.setSql("SELECT order_total() = 22");

        SeedResult result = seeder().seed(
                        database(
                                List.of(sql(SCHEMA), csvInline("currency", CURRENCY_CSV), csvInline("orders", orders)),
                                List.of(fk, total)),
                        connection);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getGates()).hasSize(2);
        assertThat(result.getGates().get(0).passed()).isFalse();
        assertThat(result.getGates().get(0).name()).isEqualTo("orders.currency_code references currency.code");
        // the null currency is not an orphan, XXX is
        assertThat(result.getGates().get(0).message()).startsWith("1 row(s) of orders have a currency_code missing");
        assertThat(result.getGates().get(1).passed()).isTrue();
    }

    @Test
    void columnGatesMeasureNullRateDistinctRatioAndRangeInTheColumnsType() throws Exception {
        String orders = "id,customer_email,currency_code,amount\n1,a@x.org,EUR,10\n2,a@x.org,EUR,500\n"
                + "3,c@x.org,,7\n4,d@x.org,USD,-1\n";
        SeedResult result = seeder().seed(
                        database(
                                List.of(sql(SCHEMA), csvInline("orders", orders)),
                                List.of(
                                        column("orders", "customer_email", c -> c.setMinDistinctRatio(1.0)),
                                        column("orders", "currency_code", c -> c.setMaxNullRate(0.25)),
                                        column("orders", "amount", c -> {
                                            c.setMin("0");
                                            c.setMax("100");
                                        }),
                                        column("orders", "id", c -> {
                                            c.setMaxNullRate(0.0);
                                            c.setMinDistinctRatio(1.0);
                                            c.setMin("1");
                                        }))),
                        connection);

        assertThat(result.getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.getGates())
                .extracting(SeedResult.GateResult::passed)
                .containsExactly(false, true, false, true);
        assertThat(result.getGates().get(0).message())
                .isEqualTo("orders.customer_email over 4 rows: distinct ratio 0.7500 (min 1.0)");
        assertThat(result.getGates().get(1).message()).contains("null rate 0.2500 (max 0.25)");
        // numbers compared as numbers: "500" > "100" and "-1" < "0", where text would order "500" before "7"
        assertThat(result.getGates().get(2).message()).endsWith("1 value(s) below 0, 1 value(s) above 100");
        assertThat(result.getGates().get(2).name()).isEqualTo("orders.amount >= 0, <= 100");

        SeedResult badBound = seeder().seed(
                        database(
                                List.of(sql(SCHEMA), csvInline("orders", orders)),
                                List.of(column("orders", "amount", c -> c.setMin("ten")))),
                        connection);
        assertThat(badBound.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(badBound.getReason()).isEqualTo("BadSpec");
        assertThat(badBound.getMessage()).contains("orders.amount (numeric)");
    }

    private static DataCheck column(String table, String name, Consumer<ColumnCheck> rules) {
        ColumnCheck column = new ColumnCheck();
        column.setName(name);
        rules.accept(column);
        DataCheck check = new DataCheck();
        check.setTable(table);
        check.setColumn(column);
        return check;
    }

    @Test
    void maskingIsDeterministicKeepsJoinsAndRemovesTheOriginal() throws Exception {
        String customers = "id,email,phone\n1,alice@corp.example,0612345678\n2,bob@corp.example,\n";
        String orders =
                "id,customer_email,currency_code,amount\n10,alice@corp.example,EUR,1\n11,bob@corp.example,EUR,2\n";
        writeFixture("prod-subset", "customer.csv", customers);
        writeFixture("prod-subset", "orders.csv", orders);
        CsvSeed customerStep = csvRef("customer", "prod-subset", "customer.csv").getCsv();
        customerStep.setMask(List.of("email", "phone"));
        SeedStep orderStep = csvRef("orders", "prod-subset", "orders.csv");
        orderStep.getCsv().setMask(List.of("customer_email"));
        SeedStep customerSeed = new SeedStep();
        customerSeed.setCsv(customerStep);
        DatabaseSpec spec = database(sql(SCHEMA), csvInline("currency", CURRENCY_CSV), customerSeed, orderStep);

        Masker masker = new Masker("test-key");
        assertThat(new Seeder(new ConfigMapFolderFixtures(fixturesRoot), progress(), masker)
                        .seed(spec, connection)
                        .getOutcome())
                .isEqualTo(Outcome.PASSED);
        List<String> firstRun = query("SELECT email || '|' || coalesce(phone, '<null>') FROM customer ORDER BY id");
        freshDatabase();
        new Seeder(new ConfigMapFolderFixtures(fixturesRoot), progress(), new Masker("test-key"))
                .seed(spec, connection);
        List<String> secondRun = query("SELECT email || '|' || coalesce(phone, '<null>') FROM customer ORDER BY id");

        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(firstRun)
                .noneMatch(row -> row.contains("alice") || row.contains("bob") || row.contains("0612345678"));
        assertThat(firstRun.get(0)).matches("[0-9a-f]{6,}@[0-9a-f]{8}\\.invalid\\|[1-9][0-9]{9}");
        assertThat(firstRun.get(1)).endsWith("|<null>");
        assertThat(query("SELECT count(*) FROM orders o JOIN customer c ON c.email = o.customer_email"))
                .containsExactly("2");
        assertThat(new Masker("another-key").mask("alice@corp.example"))
                .isNotEqualTo(masker.mask("alice@corp.example"));
    }

    @Test
    void aBrokenScriptIsRolledBackAndReportedAsError() throws Exception {
        SeedResult result = seeder().seed(
                        database(sql("CREATE TABLE half_done (id int); SELECT * FROM no_such_table;")), connection);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("SqlError");
        assertThat(result.getMessage()).contains("seed step 0", "no_such_table", "rolled back");
        assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"))
                .containsExactly("0");
    }

    @Test
    void aMissingFixtureIsAnErrorNamingTheConfigMapKey() throws Exception {
        SeedResult result = seeder().seed(database(sql(SCHEMA), csvRef("currency", "golden", "nope.csv")), connection);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("FixtureNotFound");
        assertThat(result.getMessage()).contains("'golden'", "'nope.csv'");
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

    private List<String> query(String sql) throws SQLException {
        return RealPostgres.query(connection, sql);
    }

    static DatabaseSpec database(SeedStep... steps) {
        return database(List.of(steps), List.of());
    }

    static DatabaseSpec database(List<SeedStep> steps, List<DataCheck> checks) {
        DatabaseSpec spec = new DatabaseSpec();
        spec.setName("warehouse");
        spec.setPostgres(new PostgresSpec());
        spec.setSeed(new ArrayList<>(steps));
        spec.setChecks(new ArrayList<>(checks));
        return spec;
    }

    static SeedStep sql(String script) {
        SqlSeed sql = new SqlSeed();
        sql.setInline(script);
        SeedStep step = new SeedStep();
        step.setSql(sql);
        return step;
    }

    static SeedStep csvInline(String table, String content) {
        CsvSeed csv = new CsvSeed();
        csv.setTable(table);
        csv.setInline(content);
        SeedStep step = new SeedStep();
        step.setCsv(csv);
        return step;
    }

    static SeedStep csvRef(String table, String configMap, String key) {
        CsvSeed csv = new CsvSeed();
        csv.setTable(table);
        csv.setConfigMapRef(new ConfigMapKeyRef(configMap, key));
        SeedStep step = new SeedStep();
        step.setCsv(csv);
        return step;
    }
}
