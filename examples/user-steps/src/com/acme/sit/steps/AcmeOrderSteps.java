package com.acme.sit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.dataops.sit.runner.steps.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Acme team's own steps (examples/user-steps-sitrun.yaml): orders made up by code rather than read from a
 * fixture, published with the team's own producer settings. One instance per scenario; the runner hands in its
 * RunContext (where the run's brokers, databases and variables are).
 */
public class AcmeOrderSteps {

    private final RunContext run;
    private final List<String> published = new ArrayList<>();

    public AcmeOrderSteps(RunContext run) {
        this.run = run;
    }

    @Given("^(\\d+) acme orders are published to topic (\\S+)$")
    public void publishOrders(int count, String topic) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", run.env().bootstrapServers(null));
        config.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 1; i <= count; i++) {
                String id = "acme-" + i;
                String order = "{\"order_id\": \"" + id + "\", \"quantity\": " + i + ", \"unit_price\": 2.5}";
                producer.send(new ProducerRecord<>(topic, id, order)).get();
                published.add(id);
            }
        }
    }

    @Then("^acme published (\\d+) orders$")
    public void publishedOrders(int expected) {
        if (published.size() != expected) {
            throw new AssertionError("acme published " + published.size() + " orders, expected " + expected);
        }
    }
}
