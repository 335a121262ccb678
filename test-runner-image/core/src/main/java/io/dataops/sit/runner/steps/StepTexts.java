package io.dataops.sit.runner.steps;

import java.util.List;

/**
 * The built-in step vocabulary: every pattern the step classes bind, with a human template used for
 * "did you mean" suggestions. docs/steps.md documents exactly these patterns (a unit test keeps them in sync).
 */
public final class StepTexts {

    private StepTexts() {}

    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";

    // Data
    public static final String LOAD_SAMPLE_DATA = "^sample data is loaded from: (.+)$";
    public static final String INLINE_SAMPLE_DATA = "^sample data is:$";
    public static final String INLINE_SAMPLE_ROWS = "^sample data rows:$";
    public static final String WITH_SCHEMA = "^with schema: (.+)$";
    private static final String GENERATED = "^(\\d+) records generated from schema (\\S+) with seed (-?\\d+)"
            + "(?: including (\\d+)% boundary and (\\d+)% invalid cases)?";
    public static final String GENERATE_FROM_SCHEMA = GENERATED + "$";
    public static final String GENERATE_FROM_SCHEMA_WHERE = GENERATED + ", where:$";
    // Kafka
    public static final String PUBLISH_TO_TOPIC = "^published to Kafka topic: (\\S+)$";
    public static final String PUBLISH_WITH_SCHEMA_REGISTRY =
            "^published to Kafka topic: (\\S+) with the schema registry$";
    public static final String CONSUME_ON_CHECKPOINT = "^result consumed from Kafka topic on checkpoint: (\\S+)$";
    // Jobs
    public static final String JOB_STARTED = "^(.+?) job started: (\\S+)$";
    public static final String FINISHED_PROCESSING = "^finished processing$";
    public static final String FINISHED_PROCESSING_WITHIN = "^finished processing within (\\d+) seconds$";
    // Thresholds
    public static final String RESULT_CONTAINS =
            "^the result contains (\\d+) records? with tolerance of \\+/- " + NUMBER + "(%)?$";
    public static final String RESULT_CONTAINS_WITHIN =
            "^the result contains (\\d+) records? with tolerance of \\+/- " + NUMBER + "(%)? within (\\d+) seconds$";
    public static final String EVENT_ARRIVES =
            "^an event matching \"(.+)\" arrives on topic (\\S+) within (\\d+) seconds$";
    public static final String NO_EVENT_ARRIVES =
            "^no event matching \"(.+)\" arrives on topic (\\S+) for (\\d+) seconds$";
    public static final String LATENCY_PERCENTILE =
            "^the p" + NUMBER + " end-to-end latency from (\\S+) to (\\S+) is below (\\d+) ms$";
    public static final String THROUGHPUT =
            "^the system processes at least " + NUMBER + " records/s from (\\S+) to (\\S+)$";
    // Flows (traces)
    public static final String FLOW_PASSED_THROUGH =
            "^every record published to (\\S+) passed through (.+?) within (\\d+) seconds$";
    public static final String FLOW_NO_ERROR = "^no span of this scenario's flow has an error$";
    public static final String FLOW_INVOLVED_ONLY = "^the flow of this scenario involved only (.+)$";
    public static final String FLOW_COMPLETED_WITHIN =
            "^every record published to (\\S+) completed its flow within (\\d+) ms$";
    // HTTP targets
    /** A header name: an RFC 9110 token (without the backtick, which no real header holds). */
    private static final String HEADER_NAME = "([A-Za-z0-9!#$%&'*+.^_|~-]+)";

    private static final String ENV_NAME = "([A-Za-z_][A-Za-z0-9_]*)";
    /** A JSON path, in double quotes when it holds spaces (a filter). */
    private static final String JSON_PATH = "(\"[^\"]+\"|\\S+)";

    private static final String WITHIN = "(?: within (\\d+) seconds)?$";
    public static final String HTTP_HEADER = "^HTTP header " + HEADER_NAME + ": (.+)$";
    public static final String HTTP_HEADERS_FROM = "^HTTP headers are loaded from: (\\S+)$";
    public static final String HTTP_HEADER_FROM_ENV =
            "^HTTP header " + HEADER_NAME + " is taken from env " + ENV_NAME + "$";
    public static final String HTTP_AUTH_FROM_ENV =
            "^HTTP requests use the (bearer token|basic credentials) from env " + ENV_NAME + "$";
    public static final String HTTP_REQUEST = "^a (GET|POST|PUT|PATCH|DELETE|HEAD) request is sent to (\\S+)$";
    public static final String HTTP_REQUEST_BODY_FILE =
            "^a (POST|PUT|PATCH|DELETE) request with body from (\\S+) is sent to (\\S+)$";
    public static final String HTTP_REQUEST_BODY = "^a (POST|PUT|PATCH|DELETE) request is sent to (\\S+) with body:$";
    public static final String HTTP_STATUS = "^the HTTP status is (\\d{3})" + WITHIN;
    public static final String HTTP_JSON_VALUE = "^the HTTP response JSON at " + JSON_PATH + " is (.+?)" + WITHIN;
    public static final String HTTP_JSON_COUNT =
            "^the HTTP response JSON at " + JSON_PATH + " has (\\d+) items?" + WITHIN;
    // Faults
    private static final String COMPONENT = "^the (broker|database|system) (\\S+) ";
    public static final String FAULT_UNAVAILABLE = COMPONENT + "is unavailable(?: for (\\d+) seconds)?$";
    public static final String FAULT_AVAILABLE_AGAIN = COMPONENT + "is available again$";
    public static final String FAULT_RESTARTED = COMPONENT + "is restarted$";
    // Contracts
    public static final String TOPIC_MATCHES_SCHEMA = "^every record on topic (\\S+) matches schema (\\S+)$";
    public static final String SCHEMA_BACKWARD_COMPATIBLE = "^schema (\\S+) is backward compatible with (\\S+)$";
    // SQL
    public static final String TABLE_CONTAINS =
            "^table (\\S+) contains (\\d+) rows? with tolerance of \\+/- " + NUMBER + "(%)?(?: in database (\\S+))?$";
    public static final String QUERY_RETURNS_WITHIN =
            "^the query \"(.+)\" returns a value within (-?\\d+(?:\\.\\d+)?) and "
                    + "(-?\\d+(?:\\.\\d+)?)(?: in database (\\S+))?$";
    public static final String QUERY_RETURNS =
            "^the query \"(.+)\" returns (?!a value within )(.+?)(?: in database (\\S+))?$";

    /** One step of the vocabulary: its pattern and how a person writes it. */
    public record Step(String pattern, String template) {}

    public static final List<Step> ALL = List.of(
            new Step(LOAD_SAMPLE_DATA, "sample data is loaded from: <file>"),
            new Step(INLINE_SAMPLE_DATA, "sample data is: (then a \"\"\" doc string of JSON or JSON lines)"),
            new Step(INLINE_SAMPLE_ROWS, "sample data rows: (then a | table | with a header row)"),
            new Step(WITH_SCHEMA, "with schema: <file.avsc>"),
            new Step(GENERATE_FROM_SCHEMA, "<n> records generated from schema <file.avsc|file.json> with seed <s>"),
            new Step(
                    GENERATE_FROM_SCHEMA_WHERE,
                    "<n> records generated from schema <file> with seed <s>, where: (then a | field | value | table)"),
            new Step(PUBLISH_TO_TOPIC, "published to Kafka topic: <topic>"),
            new Step(PUBLISH_WITH_SCHEMA_REGISTRY, "published to Kafka topic: <topic> with the schema registry"),
            new Step(CONSUME_ON_CHECKPOINT, "result consumed from Kafka topic on checkpoint: <topic>"),
            new Step(JOB_STARTED, "<kind> job started: <name>"),
            new Step(FINISHED_PROCESSING, "finished processing"),
            new Step(FINISHED_PROCESSING_WITHIN, "finished processing within <t> seconds"),
            new Step(RESULT_CONTAINS, "the result contains <n> records with tolerance of +/- <m>"),
            new Step(
                    RESULT_CONTAINS_WITHIN,
                    "the result contains <n> records with tolerance of +/- <m> within <t> seconds"),
            new Step(EVENT_ARRIVES, "an event matching \"<predicate>\" arrives on topic <topic> within <t> seconds"),
            new Step(NO_EVENT_ARRIVES, "no event matching \"<predicate>\" arrives on topic <topic> for <t> seconds"),
            new Step(LATENCY_PERCENTILE, "the p95 end-to-end latency from <in-topic> to <out-topic> is below <ms> ms"),
            new Step(THROUGHPUT, "the system processes at least <n> records/s from <in-topic> to <out-topic>"),
            new Step(
                    FLOW_PASSED_THROUGH,
                    "every record published to <topic> passed through <system>[, then <system>...] within <t> seconds"),
            new Step(FLOW_NO_ERROR, "no span of this scenario's flow has an error"),
            new Step(
                    FLOW_INVOLVED_ONLY, "the flow of this scenario involved only <system>[, <system>... and <system>]"),
            new Step(FLOW_COMPLETED_WITHIN, "every record published to <topic> completed its flow within <ms> ms"),
            new Step(HTTP_HEADER, "HTTP header <Name>: <value>"),
            new Step(HTTP_HEADERS_FROM, "HTTP headers are loaded from: <file>"),
            new Step(HTTP_HEADER_FROM_ENV, "HTTP header <Name> is taken from env <VARIABLE>"),
            new Step(HTTP_AUTH_FROM_ENV, "HTTP requests use the bearer token from env <VARIABLE>"),
            new Step(HTTP_REQUEST, "a GET request is sent to <system>/<path>"),
            new Step(HTTP_REQUEST_BODY_FILE, "a POST request with body from <file> is sent to <system>/<path>"),
            new Step(
                    HTTP_REQUEST_BODY,
                    "a POST request is sent to <system>/<path> with body: (then a \"\"\" doc string)"),
            new Step(HTTP_STATUS, "the HTTP status is <code> [within <t> seconds]"),
            new Step(HTTP_JSON_VALUE, "the HTTP response JSON at <json-path> is <value> [within <t> seconds]"),
            new Step(HTTP_JSON_COUNT, "the HTTP response JSON at <json-path> has <n> items [within <t> seconds]"),
            new Step(FAULT_UNAVAILABLE, "the broker|database|system <name> is unavailable [for <t> seconds]"),
            new Step(FAULT_AVAILABLE_AGAIN, "the broker|database|system <name> is available again"),
            new Step(FAULT_RESTARTED, "the broker|database|system <name> is restarted"),
            new Step(TOPIC_MATCHES_SCHEMA, "every record on topic <topic> matches schema <file.avsc|file.json>"),
            new Step(
                    SCHEMA_BACKWARD_COMPATIBLE,
                    "schema <new.avsc|new.json> is backward compatible with <old.avsc|old.json>"),
            new Step(TABLE_CONTAINS, "table <table> contains <n> rows with tolerance of +/- <m>"),
            new Step(QUERY_RETURNS_WITHIN, "the query \"<sql>\" returns a value within <lo> and <hi>"),
            new Step(QUERY_RETURNS, "the query \"<sql>\" returns <value>"));
}
