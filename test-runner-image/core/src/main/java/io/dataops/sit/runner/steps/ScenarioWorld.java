package io.dataops.sit.runner.steps;

import com.networknt.schema.JsonSchema;
import io.dataops.sit.runner.env.FaultTarget;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.common.TopicPartition;

/**
 * State shared by the steps of one scenario: loaded data, schema, what was produced and consumed, started jobs.
 * The object factory constructs one per scenario and hands it to every step class of that scenario; the next
 * scenario gets a new one.
 */
public final class ScenarioWorld {

    private String scenarioName;
    private String featureUri;

    List<Map<String, Object>> sampleData;
    Path sampleDataFile;
    /** Places (from 0) of the sample records generated to break their schema: published as they are, not encoded. */
    final Set<Integer> invalidRecords = new HashSet<>();

    Schema schema;
    Path schemaFile;
    /** A JSON Schema the sample records must match before they are published (as JSON), or null. */
    JsonSchema jsonSchema;
    /** Topic -> the schema its values were published with (to decode consumed records). */
    final Map<String, Schema> topicSchemas = new HashMap<>();
    /** Topic -> records this scenario produced, with produce timestamps (latency correlation). */
    final Map<String, List<KafkaIo.Produced>> produced = new HashMap<>();
    /** Topic -> the flow (trace) of each record this scenario published there, when the run receives traces. */
    final Map<String, List<FlowSteps.PublishedFlow>> publishedFlows = new LinkedHashMap<>();
    /** Topics this scenario published to, in order ("finished processing" waits for their consumers). */
    final Set<String> publishedTopics = new LinkedHashSet<>();
    /**
     * Bootstrap servers -> every partition's end offset before the scenario first published there: "finished
     * processing" also waits for the groups reading any topic that changed since (systems further downstream).
     */
    final Map<String, Map<TopicPartition, Long>> endsBeforePublishing = new HashMap<>();
    /**
     * Only for a scenario tagged {@code @isolated}: bootstrap servers -> every partition's end offset when the
     * scenario started (taken by {@link Hooks} before its first step). The scenario's reads of a topic start there,
     * so what earlier scenarios left on the topics is invisible to its thresholds and contracts; a partition created
     * since is read from its beginning. Empty for other scenarios, which read every topic from its beginning.
     */
    final Map<String, Map<TopicPartition, Long>> topicsAtStart = new HashMap<>();
    /** When the scenario last published (the catch-up time of "finished processing" counts from here). */
    Instant lastPublishedAt;
    /** The last checkpoint: the topic and the records consumed from it. */
    String resultTopic;

    List<KafkaIo.Consumed> result;
    /** Jobs started by "... job started" that "finished processing" waits for. */
    final List<JobSteps.StartedJob> startedJobs = new ArrayList<>();

    final Instant startedAt = Instant.now();

    /** HTTP: headers every request of this scenario carries, in the order the steps set them. */
    final Map<String, String> httpHeaders = new LinkedHashMap<>();
    /** Values taken from runner variables (tokens): masked in every message, log line and threshold. */
    final Set<String> httpSecrets = new LinkedHashSet<>();
    /** The last request sent and its answer: what the HTTP assertions check and "within" sends again. */
    HttpSteps.Exchange lastHttp;
    /** Made on the first request, closed when the scenario ends. */
    HttpClient httpClient;

    /** The faults this scenario injected, made by the first fault step; the scenario-end hook undoes them. */
    ActiveFaults faults;

    /** Cucumber passes no scenario to constructors: {@link Hooks} names the world before the first step. */
    void nameAfter(String scenarioName, String featureUri) {
        this.scenarioName = scenarioName;
        this.featureUri = featureUri;
    }

    public String scenarioName() {
        return scenarioName;
    }

    public String featureUri() {
        return featureUri;
    }

    /** Where this scenario's reads of the broker's topics start: see {@link #topicsAtStart}. */
    Map<TopicPartition, Long> readsStartAt(String bootstrap) {
        return topicsAtStart.getOrDefault(bootstrap, Map.of());
    }

    /** Whether this scenario made a component of that kind unavailable (restored since or not). */
    boolean faulted(FaultTarget.Kind kind) {
        return faults != null && faults.touchedAny(kind);
    }

    /** True for a scenario tagged {@code @isolated} in a run with a broker. */
    boolean topicsIsolated() {
        return !topicsAtStart.isEmpty();
    }

    public Optional<Schema> schema() {
        return Optional.ofNullable(schema);
    }
}
