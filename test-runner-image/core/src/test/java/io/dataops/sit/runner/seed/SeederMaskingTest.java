package io.dataops.sit.runner.seed;

import static io.dataops.sit.runner.seed.SeederTest.csvInline;
import static io.dataops.sit.runner.seed.SeederTest.database;
import static io.dataops.sit.runner.seed.SeederTest.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataops.sit.api.results.Outcome;
import io.dataops.sit.api.results.ResultCodec;
import io.dataops.sit.api.results.SeedResult;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.GenerateSeed;
import io.dataops.sit.api.v1alpha1.spec.MaskFormat;
import io.dataops.sit.api.v1alpha1.spec.MaskedColumn;
import io.dataops.sit.api.v1alpha1.spec.MaskingSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.runner.env.DatabaseConnection;
import io.dataops.sit.runner.postgres.RealPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Masking columns however they were seeded, and the coverage report, against a real PostgreSQL. */
class SeederMaskingTest {

    @RegisterExtension
    static final RealPostgres postgres = new RealPostgres();

    private static final String SCHEMA = """
            CREATE TABLE customer (id bigint PRIMARY KEY, email text UNIQUE, phone text, full_name text,
                                   card varchar(19), note text);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_email text, amount numeric);
            INSERT INTO customer VALUES
              (1, 'alice@corp.example', '+44 20 7946 0958', 'Alice Smith', '4111 1111 1111 1111', E'tab\\there'),
              (2, 'bob@corp.example', NULL, 'Bob Jones', '5500-0000-0000-0004', NULL),
              (3, 'carol@corp.example', '(555) 123-4567', '', NULL, 'x');
            INSERT INTO orders VALUES (10, 'alice@corp.example', 1), (11, 'bob@corp.example', 2),
                                      (12, 'alice@corp.example', 3);
            """;

    @TempDir
    Path fixturesRoot;

    private DatabaseConnection connection;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void freshDatabase() throws SQLException {
        connection = postgres.freshDatabase("warehouse");
    }

    @Test
    void sqlSeededColumnsAreMaskedInPlaceInTheirFormatsAndJoinsStillMatch() throws Exception {
        DatabaseSpec spec = database(sql(SCHEMA));
        spec.setMasking(masking(
                List.of(
                        "customer.email",
                        "customer.phone",
                        "customer.full_name",
                        "customer.card",
                        "orders.customer_email"),
                column("customer", "email", MaskFormat.EMAIL),
                column("customer", "phone", MaskFormat.PHONE),
                column("customer", "full_name", MaskFormat.NAME),
                column("customer", "card", MaskFormat.CARD),
                column("orders", "customer_email", MaskFormat.EMAIL)));

        SeedResult result = seeder("test-key").seed(spec, connection);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        Masker masker = new Masker("test-key");
        assertThat(query("SELECT email FROM customer ORDER BY id"))
                .containsExactly(
                        masker.mask("alice@corp.example", MaskFormat.EMAIL),
                        masker.mask("bob@corp.example", MaskFormat.EMAIL),
                        masker.mask("carol@corp.example", MaskFormat.EMAIL))
                .allMatch(e -> e.matches("[a-z]+\\.[a-z]+\\.[0-9a-f]{6}@example\\.(com|net|org)"));
        assertThat(query("SELECT coalesce(phone, '<null>') FROM customer ORDER BY id"))
                .containsExactly(
                        masker.mask("+44 20 7946 0958", MaskFormat.PHONE),
                        "<null>",
                        masker.mask("(555) 123-4567", MaskFormat.PHONE));
        assertThat(query("SELECT full_name FROM customer ORDER BY id"))
                .containsExactly(
                        masker.mask("Alice Smith", MaskFormat.NAME), masker.mask("Bob Jones", MaskFormat.NAME), "");
        assertThat(query("SELECT coalesce(card, '<null>') FROM customer ORDER BY id")
                        .get(0))
                .matches("4111 11[0-9]{2} [0-9]{4} [0-9]{4}");
        assertThat(query("SELECT note FROM customer WHERE id = 1")).containsExactly("tab\there"); // not masked, intact
        assertThat(query("SELECT count(*) FROM orders o JOIN customer c ON c.email = o.customer_email"))
                .containsExactly("3");
        assertThat(String.join(",", query("SELECT email || phone || full_name FROM customer")))
                .doesNotContain("alice", "Alice", "7946", "Smith");

        SeedResult.MaskingReport coverage = result.getMasking();
        assertThat(coverage.key()).isEqualTo("Private");
        assertThat(coverage.declared()).hasSize(5);
        assertThat(coverage.masked()).hasSize(5);
        assertThat(coverage.unmasked()).isEmpty();
        assertThat(ResultCodec.readSeed(ResultCodec.write(result)).getMasking()).isEqualTo(coverage);
        assertThat(log.toString())
                .contains("masked [customer.email, customer.phone, customer.full_name, customer.card]");
        assertThat(log.toString()).doesNotContain("test-key");

        freshDatabase();
        seeder("test-key").seed(spec, connection);
        assertThat(query("SELECT email FROM customer ORDER BY id"))
                .containsExactly(
                        masker.mask("alice@corp.example", MaskFormat.EMAIL),
                        masker.mask("bob@corp.example", MaskFormat.EMAIL),
                        masker.mask("carol@corp.example", MaskFormat.EMAIL));
    }

    @Test
    void generatedRowsAreMaskedToo() throws Exception {
        GenerateSeed generate = new GenerateSeed();
        generate.setTable("shopper");
        generate.setRows(500L);
        generate.setSeed(7L);
        generate.setColumns(new LinkedHashMap<>());
        SeedStep step = new SeedStep();
        step.setGenerate(generate);
        DatabaseSpec spec = database(
                sql("CREATE TABLE shopper (id bigserial PRIMARY KEY, email varchar(120) NOT NULL UNIQUE, "
                        + "first_name text NOT NULL)"),
                step);
        DatabaseSpec unmasked = database(spec.getSeed().toArray(SeedStep[]::new));
        seeder("test-key").seed(unmasked, connection);
        List<String> generated = query("SELECT email || ' ' || first_name FROM shopper ORDER BY id");
        freshDatabase();
        spec.setMasking(masking(
                List.of("shopper.email"),
                column("shopper", "email", MaskFormat.EMAIL),
                column("public.shopper", "first_name", MaskFormat.FIRST_NAME)));

        SeedResult result = seeder("test-key").seed(spec, connection);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        Masker masker = new Masker("test-key");
        List<String> expected = generated.stream()
                .map(row -> masker.mask(row.substring(0, row.indexOf(' ')), MaskFormat.EMAIL) + " "
                        + masker.mask(row.substring(row.indexOf(' ') + 1), MaskFormat.FIRST_NAME))
                .toList();
        assertThat(query("SELECT email || ' ' || first_name FROM shopper ORDER BY id"))
                .isEqualTo(expected);
        assertThat(result.getMasking().masked()).containsExactly("shopper.email", "public.shopper.first_name");
    }

    @Test
    void aCsvColumnIsMaskedWhileLoadingInItsDeclaredFormatAndNotASecondTime() throws Exception {
        SeedStep customers =
                csvInline("customer", "id,email,phone,full_name\n1,alice@corp.example,+44 20 7946 0958,Alice Smith\n");
        customers.getCsv().setMask(List.of("email", "phone"));
        DatabaseSpec spec = database(sql(SCHEMA.substring(0, SCHEMA.indexOf("INSERT"))), customers);
        spec.setMasking(masking(
                List.of("customer.email", "customer.phone"),
                column("customer", "email", MaskFormat.EMAIL),
                column("customer", "full_name", MaskFormat.NAME)));

        SeedResult result = seeder("test-key").seed(spec, connection);

        assertThat(result.getOutcome()).as(result.getMessage()).isEqualTo(Outcome.PASSED);
        Masker masker = new Masker("test-key");
        assertThat(query("SELECT email || '|' || phone || '|' || full_name FROM customer"))
                .containsExactly(masker.mask("alice@corp.example", MaskFormat.EMAIL) + "|"
                        + masker.mask("+44 20 7946 0958") + "|" + masker.mask("Alice Smith", MaskFormat.NAME));
        assertThat(result.getMasking().masked())
                .containsExactly("customer.email", "customer.phone", "customer.full_name");
        assertThat(log.toString())
                .contains("masked [customer.full_name] in place")
                .doesNotContain("customer.email] in place");
    }

    @Test
    void aDeclaredPiiColumnNothingMasksFailsBeforeAnythingIsLoaded() throws Exception {
        SeedStep customers = csvInline("customer", "id,email,phone\n1,alice@corp.example,0612345678\n");
        customers.getCsv().setMask(List.of("email", "phone"));
        // the sql step after the CSV may write any table: the CSV's masking no longer counts
        DatabaseSpec spec = database(
                sql(SCHEMA.substring(0, SCHEMA.indexOf("INSERT"))), customers, sql("UPDATE customer SET note = 'x'"));
        spec.setMasking(
                masking(List.of("customer.email", "customer.phone"), column("customer", "email", MaskFormat.EMAIL)));

        SeedResult result = seeder("test-key").seed(spec, connection);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("PiiUnmasked");
        assertThat(result.getMessage())
                .contains("customer.phone", "nothing was loaded")
                .doesNotContain("customer.email");
        assertThat(result.getMasking().unmasked()).containsExactly("customer.phone");
        assertThat(result.getMasking().declared()).hasSize(2);
        assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename = 'customer'"))
                .containsExactly("0");
    }

    @Test
    void seedingAgainDoesNotMaskTheMaskedRowsASecondTime() throws Exception {
        DatabaseSpec spec = database(sql(SCHEMA.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")
                .replace("'x');", "'x') ON CONFLICT DO NOTHING;")
                .replace("3);", "3) ON CONFLICT DO NOTHING;")));
        spec.setMasking(masking(List.of(), column("customer", "phone", MaskFormat.PHONE)));

        seeder("test-key").seed(spec, connection);
        List<String> once = query("SELECT coalesce(phone, '') FROM customer ORDER BY id");
        SeedResult again = seeder("test-key").seed(spec, connection);

        assertThat(again.getOutcome()).as(again.getMessage()).isEqualTo(Outcome.PASSED);
        assertThat(query("SELECT coalesce(phone, '') FROM customer ORDER BY id"))
                .isEqualTo(once);
        assertThat(log.toString()).contains("masking unchanged since it was applied, skipped");
    }

    @Test
    void aMaskedColumnTheSeedDidNotCreateIsBadSpecAndTheDefaultKeyIsReported() throws Exception {
        DatabaseSpec spec = database(sql(SCHEMA));
        spec.setMasking(masking(List.of(), column("customer", "e_mail", MaskFormat.EMAIL)));

        SeedResult result = new Seeder(null, progress(), new Masker(Masker.DEFAULT_KEY)).seed(spec, connection);

        assertThat(result.getOutcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.getReason()).isEqualTo("BadSpec");
        assertThat(result.getMessage()).contains("masking.columns", "e_mail");
        assertThat(result.getMasking().key()).isEqualTo("Default");
        assertThat(log.toString()).contains("WARNING database warehouse masks with the public default key");
    }

    @Test
    void aDatabaseWithoutMaskingReportsNone() {
        assertThat(seeder("test-key")
                        .seed(database(sql("CREATE TABLE t (id int)")), connection)
                        .getMasking())
                .isNull();
    }

    static MaskingSpec masking(List<String> pii, MaskedColumn... columns) {
        MaskingSpec masking = new MaskingSpec();
        masking.setPii(new ArrayList<>(pii));
        masking.setColumns(new ArrayList<>(List.of(columns)));
        return masking;
    }

    static MaskedColumn column(String table, String column, MaskFormat as) {
        return new MaskedColumn(table, column, as);
    }

    private Seeder seeder(String key) {
        return new Seeder(new ConfigMapFolderFixtures(fixturesRoot), progress(), new Masker(key));
    }

    private PrintStream progress() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private List<String> query(String sql) throws SQLException {
        return RealPostgres.query(connection, sql);
    }
}
