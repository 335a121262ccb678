package io.dataops.sit.operator.dependents;

import io.dataops.sit.api.v1alpha1.SitRun;
import io.dataops.sit.api.v1alpha1.SitRunSpec;
import io.dataops.sit.api.v1alpha1.spec.AwsSpec;
import io.dataops.sit.api.v1alpha1.spec.BrokerSpec;
import io.dataops.sit.api.v1alpha1.spec.ConfigMapKeyRef;
import io.dataops.sit.api.v1alpha1.spec.CsvSeed;
import io.dataops.sit.api.v1alpha1.spec.DatabaseSpec;
import io.dataops.sit.api.v1alpha1.spec.KafkaProvider;
import io.dataops.sit.api.v1alpha1.spec.KafkaSpec;
import io.dataops.sit.api.v1alpha1.spec.PostgresSpec;
import io.dataops.sit.api.v1alpha1.spec.SeedStep;
import io.dataops.sit.api.v1alpha1.spec.SqlSeed;
import io.dataops.sit.api.v1alpha1.spec.SystemPort;
import io.dataops.sit.api.v1alpha1.spec.SystemSpec;
import io.dataops.sit.api.v1alpha1.spec.TopicSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SitRuns for the dependents' unit tests. */
public final class TestRuns {

    private TestRuns() {}

    public static SitRun run(String name) {
        SitRun run = new SitRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace("team-a")
                .withUid("uid-" + name)
                .withGeneration(1L)
                .build());
        run.setSpec(new SitRunSpec());
        return run;
    }

    public static BrokerSpec broker(String name, KafkaProvider provider, String... topics) {
        KafkaSpec kafka = new KafkaSpec();
        kafka.setProvider(provider);
        List<TopicSpec> list = new ArrayList<>();
        for (String t : topics) {
            list.add(new TopicSpec(t, 3));
        }
        kafka.setTopics(list);
        return new BrokerSpec(name, kafka);
    }

    public static DatabaseSpec database(String name) {
        DatabaseSpec db = new DatabaseSpec();
        db.setName(name);
        db.setPostgres(new PostgresSpec());
        SqlSeed sql = new SqlSeed();
        sql.setConfigMapRef(keyRef("orders-golden-v3", "schema.sql"));
        SeedStep s1 = new SeedStep();
        s1.setSql(sql);
        CsvSeed csv = new CsvSeed();
        csv.setConfigMapRef(keyRef("currencies", "currency.csv"));
        csv.setTable("currency");
        SeedStep s2 = new SeedStep();
        s2.setCsv(csv);
        SqlSeed inline = new SqlSeed();
        inline.setInline("select 1");
        SeedStep s3 = new SeedStep();
        s3.setSql(inline);
        SqlSeed again = new SqlSeed();
        again.setConfigMapRef(keyRef("orders-golden-v3", "more.sql"));
        SeedStep s4 = new SeedStep();
        s4.setSql(again);
        db.setSeed(List.of(s1, s2, s3, s4));
        return db;
    }

    public static SystemSpec system(String name, Integer... ports) {
        SystemSpec system = new SystemSpec();
        system.setName(name);
        system.setImage("registry.example.com/" + name + ":1");
        system.setEnv(List.of(new EnvVar("INPUT_TOPIC", "input_topic_1", null)));
        List<SystemPort> list = new ArrayList<>();
        for (Integer p : ports) {
            SystemPort port = new SystemPort();
            port.setPort(p);
            list.add(port);
        }
        system.setPorts(list);
        return system;
    }

    public static AwsSpec aws() {
        AwsSpec aws = new AwsSpec();
        aws.setRoleArn("arn:aws:iam::123456789012:role/sit-runner");
        aws.setRegion("eu-west-1");
        return aws;
    }

    private static ConfigMapKeyRef keyRef(String name, String key) {
        ConfigMapKeyRef ref = new ConfigMapKeyRef();
        ref.setName(name);
        ref.setKey(key);
        return ref;
    }

    public static Map<String, String> env(List<EnvVar> env) {
        Map<String, String> map = new LinkedHashMap<>();
        env.forEach(e -> map.put(e.getName(), e.getValue()));
        return map;
    }
}
