package io.dataops.sit.operator.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataops.sit.api.RunReason;
import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.ExternalCredentials;
import io.dataops.sit.api.v1alpha1.spec.ExternalKafka;
import io.dataops.sit.api.v1alpha1.spec.ExternalPostgres;
import io.dataops.sit.api.v1alpha1.spec.KafkaSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SqlSeed;
import io.dataops.sit.operator.ExternalEndpoint;
import io.dataops.sit.operator.OperatorSettings;
import io.dataops.sit.operator.OperatorSettings.IsolationFence;
import io.dataops.sit.operator.SitConfig;
import io.dataops.sit.operator.dependents.ExternalEgressPolicyDependent;
import io.dataops.sit.operator.dependents.TestRuns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin's list of existing services (sit.isolation.external.allowed) against what a SitRun names. */
class ExternalPolicyTest {

    static final OperatorSettings ADMIN = OperatorSettings.from(SitConfig.of(Map.of(
            ExternalEndpoint.SETTING,
            "*.kafka.example.com:9092-9094=10.20.0.0/16, orders-db.example.com:5432=10.30.1.5/32")));

    static SitRun run(String bootstrap, String jdbcUrl) {
        SitRun run = TestRuns.run("orders");
        BrokerSpec broker = new BrokerSpec();
        broker.setName("events");
        broker.setExternal(new ExternalKafka(bootstrap));
        DatabaseSpec db = new DatabaseSpec();
        db.setName("orders");
        db.setExternal(new ExternalPostgres(jdbcUrl, new ExternalCredentials("orders-db", null, null)));
        run.getSpec().setBrokers(List.of(broker));
        run.getSpec().setDatabases(List.of(db));
        return run;
    }

    @Test
    void endpointsUnderTheAdminsEntriesAreAllowedAndOpenExactlyThoseEntries() {
        SitRun run = run(
                "b-0.kafka.example.com:9092,b-1.kafka.example.com:9094",
                "jdbc:postgresql://orders-db.example.com/orders");
        assertThat(ExternalPolicy.check(run, ADMIN)).isNull();
        assertThat(ExternalPolicy.allowedFor(run, ADMIN))
                .extracting(ExternalEndpoint::toString)
                .containsExactly(
                        "*.kafka.example.com:9092-9094=10.20.0.0/16", "orders-db.example.com:5432=10.30.1.5/32");
        var rules = ExternalEgressPolicyDependent.desired(run, ADMIN).getSpec().getEgress();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getPorts().get(0).getEndPort()).isEqualTo(9094);
    }

    @Test
    void aHostPortOrDomainOutsideTheEntriesIsRefusedNamingFieldAndEndpoint() {
        for (var refused : List.of(
                run(
                        "kafka.example.com:9092",
                        "jdbc:postgresql://orders-db.example.com/orders"), // *. needs a sub-domain
                run("b-0.kafka.example.com:9095", "jdbc:postgresql://orders-db.example.com/orders"),
                run("b-0.kafka.example.com.evil.io:9092", "jdbc:postgresql://orders-db.example.com/orders"),
                run("b-0.kafka.example.com:9092", "jdbc:postgresql://orders-db.example.com:6432/orders"),
                run("b-0.kafka.example.com:9092", "jdbc:postgresql://10.30.1.5/orders"))) {
            var problem = ExternalPolicy.check(refused, ADMIN);
            assertThat(problem).isNotNull();
            assertThat(problem.reason()).isEqualTo(RunReason.EXTERNAL_ENDPOINT_NOT_ALLOWED.value());
            assertThat(problem.message()).contains("spec.").contains(ExternalEndpoint.SETTING);
        }
        var none = OperatorSettings.defaults();
        var problem =
                ExternalPolicy.check(run("b-0.kafka.example.com:9092", "jdbc:postgresql://x.example.com/o"), none);
        assertThat(problem.message())
                .contains("spec.brokers[events].external.bootstrapServers b-0.kafka.example.com:9092")
                .contains("sit.isolation.external.allowed: none");
    }

    @Test
    void aRunWithoutExternalPartsNeedsNothing() {
        SitRun run = TestRuns.run("orders");
        run.getSpec().setBrokers(List.of(new BrokerSpec("events", new KafkaSpec())));
        assertThat(ExternalPolicy.check(run, OperatorSettings.defaults())).isNull();
        assertThat(ExternalEgressPolicyDependent.desired(run, ADMIN).getSpec().getEgress())
                .isEmpty();
    }

    @Test
    void seedingAnExternalDatabaseNeedsAllowSeed() {
        SitRun run = run("b-0.kafka.example.com:9092", "jdbc:postgresql://orders-db.example.com/orders");
        SeedStep step = new SeedStep();
        SqlSeed sql = new SqlSeed();
        sql.setInline("INSERT INTO t VALUES (1)");
        step.setSql(sql);
        run.getSpec().getDatabases().get(0).setSeed(List.of(step));
        var problem = ExternalPolicy.check(run, ADMIN);
        assertThat(problem.reason()).isEqualTo(RunReason.BAD_SPEC.value());
        assertThat(problem.message()).contains("external.allowSeed: true");
        run.getSpec().getDatabases().get(0).getExternal().setAllowSeed(true);
        assertThat(ExternalPolicy.check(run, ADMIN)).isNull();
    }

    @Test
    void malformedAdminEntriesAndMetadataBlocksStopTheOperator() {
        for (String bad : List.of(
                "kafka.example.com=10.0.0.0/8",
                "kafka.example.com:0=10.0.0.0/8",
                "kafka.example.com:9094-9092=10.0.0.0/8",
                "kafka.example.com:9092=not-a-cidr",
                "imds.example.com:80=169.254.169.254/32",
                "bad_host:80=10.0.0.0/8")) {
            assertThatThrownBy(() -> ExternalEndpoint.parseAll(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ExternalEndpoint.SETTING);
        }
        assertThat(IsolationFence.INSTANCE_METADATA).isNotEmpty();
    }
}
